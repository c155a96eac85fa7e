package io.asklayer.engine.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The joins of a model as a graph, walked only along edges that never repeat a row of the table a
 * measure is computed on (many-to-one and one-to-one, declared in either direction). A dimension that
 * can only be reached through a one-to-many edge is therefore unreachable: fan-out is avoided by
 * construction.
 */
public final class JoinGraph {
  /**
   * One step of a path: join {@code from} to {@code to} where {@code fromColumns[i] =
   * toColumns[i]}.
   */
  public record Step(String from, String to, List<String> fromColumns, List<String> toColumns) {
  }

  private final Map<String, List<Step>> edges = new HashMap<>();

  private JoinGraph() {
  }

  /** The row-preserving edges of a model's joins. */
  public static JoinGraph of(Map<String, ModelTable> tables) {
    JoinGraph g = new JoinGraph();
    for (ModelTable t : tables.values()) {
      for (ModelTable.Join j : t.joins().values()) {
        List<String> fromCols = new ArrayList<>(j.keys().keySet());
        List<String> toCols = new ArrayList<>(j.keys().values());
        if (j.relationship().preservesRows()) {
          g.add(new Step(t.name(), j.to(), fromCols, toCols));
        }
        // The reverse of one-to-many is many-to-one; of one-to-one, one-to-one.
        if (j.relationship() != Relationship.MANY_TO_ONE) {
          g.add(new Step(j.to(), t.name(), toCols, fromCols));
        }
      }
    }
    return g;
  }

  private void add(Step s) {
    edges.computeIfAbsent(s.from(), k -> new ArrayList<>()).add(s);
  }

  /**
   * The shortest row-preserving path from one table to another (ties broken by declaration order),
   * empty if {@code from} equals {@code to}, or null if there is none.
   */
  public List<Step> path(String from, String to) {
    if (from.equals(to)) {
      return List.of();
    }
    Map<String, Step> via = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(from);
    via.put(from, null);
    while (!queue.isEmpty()) {
      String t = queue.poll();
      for (Step s : edges.getOrDefault(t, List.of())) {
        if (via.containsKey(s.to())) {
          continue;
        }
        via.put(s.to(), s);
        if (s.to().equals(to)) {
          List<Step> path = new ArrayList<>();
          for (Step p = s; p != null; p = via.get(p.from())) {
            path.add(p);
          }
          Collections.reverse(path);
          return path;
        }
        queue.add(s.to());
      }
    }
    return null;
  }

  /** Whether {@code to} can be reached from {@code from} without repeating rows of {@code from}. */
  public boolean reaches(String from, String to) {
    return path(from, to) != null;
  }
}
