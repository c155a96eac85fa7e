package io.asklayer.engine.semantic;

import io.asklayer.engine.model.TimeGrain;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.apache.calcite.avatica.util.TimeUnitRange;

/** Time grains as Calcite time units, for {@code FLOOR(d TO unit)}, and as calendar periods. */
final class Grains {
  private Grains() {
  }

  static TimeUnitRange timeUnit(TimeGrain grain) {
    return switch (grain) {
      case DAY -> TimeUnitRange.DAY;
      case WEEK -> TimeUnitRange.WEEK;
      case MONTH -> TimeUnitRange.MONTH;
      case QUARTER -> TimeUnitRange.QUARTER;
      case YEAR -> TimeUnitRange.YEAR;
    };
  }

  /** The first day of the grain's period holding a day: what {@code FLOOR(d TO grain)} gives. */
  static LocalDate floor(LocalDate d, TimeGrain grain) {
    return switch (grain) {
      case DAY -> d;
      case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> d.withDayOfMonth(1);
      case QUARTER -> LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1);
      case YEAR -> d.withDayOfYear(1);
    };
  }
}
