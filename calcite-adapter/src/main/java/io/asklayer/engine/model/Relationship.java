package io.asklayer.engine.model;

/** How many rows of a join's target match one row of its source. */
public enum Relationship {
  /** Each source row matches at most one target row: safe to follow for any aggregate. */
  MANY_TO_ONE,
  /** Each side matches at most one row of the other. */
  ONE_TO_ONE,
  /** A source row may match many target rows: following it would repeat source rows (fan-out). */
  ONE_TO_MANY;

  /** Following the join never repeats a source row. */
  public boolean preservesRows() {
    return this != ONE_TO_MANY;
  }
}
