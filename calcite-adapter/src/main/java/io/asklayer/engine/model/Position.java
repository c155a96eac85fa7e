package io.asklayer.engine.model;

/** Where something is written in a model file: file name, line and column (both from 1). */
public record Position(String file, int line, int column) {
  @Override public String toString() {
    return file + ":" + line + ":" + column;
  }
}
