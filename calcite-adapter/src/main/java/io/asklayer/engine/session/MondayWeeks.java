package io.asklayer.engine.session;

import java.util.List;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * {@code FLOOR(d TO WEEK)} as the week starting on Monday, Calcite's {@code ISOWEEK}: what the
 * model's week grain, DuckDB's {@code DATE_TRUNC('week', d)} and PostgreSQL's mean. Calcite's own
 * {@code WEEK} starts on Sunday, so without this the same expression gave a Sunday evaluated in
 * Java (on a constant) and a Monday in the warehouse (on a column). Used with warehouses whose
 * dialect writes the {@code ISOWEEK} frame.
 */
final class MondayWeeks implements SqlRexConvertletTable {
  private final SqlRexConvertletTable next;

  MondayWeeks(SqlRexConvertletTable next) {
    this.next = next;
  }

  @Override public SqlRexConvertlet get(SqlCall call) {
    if (call.getKind() == SqlKind.FLOOR && call.operandCount() == 2
        && call.operand(1) instanceof SqlIntervalQualifier unit && unit.timeFrameName == null
        && unit.timeUnitRange == TimeUnitRange.WEEK) {
      return (cx, c) -> {
        RexBuilder rex = cx.getRexBuilder();
        return rex.makeCall(cx.getValidator().getValidatedNodeType(c), SqlStdOperatorTable.FLOOR,
            List.of(cx.convertExpression(c.operand(0)), rex.makeLiteral("ISOWEEK")));
      };
    }
    return next.get(call);
  }
}
