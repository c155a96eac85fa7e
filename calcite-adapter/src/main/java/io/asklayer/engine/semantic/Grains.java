package io.asklayer.engine.semantic;

import io.asklayer.engine.model.TimeGrain;
import org.apache.calcite.avatica.util.TimeUnitRange;

/** Time grains as Calcite time units, for {@code FLOOR(d TO unit)}. */
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
}
