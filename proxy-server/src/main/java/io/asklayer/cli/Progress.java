package io.asklayer.cli;

import io.asklayer.demo.GenerationProgress;

/** Generation progress on a terminal: one line per finished table, on standard error. */
final class Progress {
  private Progress() {
  }

  static GenerationProgress toStderr() {
    return (step, steps, table, rows, took) -> System.err.printf("  [%2d/%d] %-22s %,12d rows %6.1f s%n",
        step, steps, table, rows, took.toMillis() / 1000.0);
  }
}
