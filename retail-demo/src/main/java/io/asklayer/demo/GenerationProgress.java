package io.asklayer.demo;

import java.time.Duration;

/** Hears about each table as the generator finishes it. */
@FunctionalInterface
public interface GenerationProgress {
  /** Hears nothing. */
  GenerationProgress NONE = (step, steps, table, rows, took) -> { };

  /**
   * Called after each step.
   *
   * @param step the step just finished, counting from 1
   * @param steps how many steps there are
   * @param table the table written (or the work done)
   * @param rows rows written
   * @param took how long the step took
   */
  void finished(int step, int steps, String table, long rows, Duration took);
}
