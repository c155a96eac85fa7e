package io.asklayer.engine.semantic;

import io.asklayer.engine.error.Messages;
import io.asklayer.engine.model.Dimension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.DateString;

/** Filter values, given as text, as literals of their dimension's type. */
final class Literals {
  private Literals() {
  }

  static RexNode of(RelBuilder b, Dimension d, String value) {
    switch (d.type()) {
      case NUMBER:
        try {
          return b.literal(new BigDecimal(value.trim()));
        } catch (NumberFormatException e) {
          throw Messages.badFilterValue(d.name(), value, "a number");
        }
      case TIME:
        try {
          return date(b, LocalDate.parse(value.trim()));
        } catch (DateTimeParseException e) {
          throw Messages.badFilterValue(d.name(), value, "an ISO date such as 2025-03-31");
        }
      case BOOLEAN:
        return b.literal(Boolean.parseBoolean(value.trim()));
      default:
        return b.literal(value);
    }
  }

  static RexNode date(RelBuilder b, LocalDate date) {
    return b.getRexBuilder().makeDateLiteral(new DateString(date.toString()));
  }
}
