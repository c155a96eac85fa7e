package io.asklayer.engine.model;

/** Calendar grains a time dimension can be grouped by; weeks start on Monday. */
public enum TimeGrain {
  DAY, WEEK, MONTH, QUARTER, YEAR
}
