package io.asklayer.demo;

/**
 * What to generate: the scale (1 is about ten million sales lines, 0.01 is for tests) and the seed.
 * The same options always produce the same warehouse.
 */
public record DemoOptions(double scale, long seed) {
  /** Smallest scale accepted: below it some dimension values would have no sales at all. */
  public static final double MIN_SCALE = 0.001;
  /** Largest scale accepted: 100 is a billion sales lines, more than one machine should build. */
  public static final double MAX_SCALE = 100;
  /** The scale of the demo warehouse the driver creates on first use. */
  public static final double DEFAULT_SCALE = 0.1;
  /** The seed of the demo warehouse the driver creates on first use. */
  public static final long DEFAULT_SEED = 42;

  /** Sales lines at scale 1. */
  static final long LINES_PER_SCALE = 10_000_000L;

  public DemoOptions {
    if (!(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
      throw new IllegalArgumentException("scale must be between " + MIN_SCALE + " and "
          + MAX_SCALE + " (1 is about ten million sales lines), not " + scale);
    }
  }

  /** The options of the demo warehouse the driver creates on first use. */
  public static DemoOptions defaults() {
    return new DemoOptions(DEFAULT_SCALE, DEFAULT_SEED);
  }

  /** Sales lines aimed at; the generated count is close to it, not equal. */
  long targetLines() {
    return Math.round(LINES_PER_SCALE * scale);
  }

  /** Customers: 200,000 at scale 1, never fewer than 1,000. */
  int customers() {
    return (int) Math.max(1_000, Math.round(200_000 * scale));
  }
}
