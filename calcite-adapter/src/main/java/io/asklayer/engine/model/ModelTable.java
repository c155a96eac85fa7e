package io.asklayer.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A warehouse table as the model names it.
 *
 * @param name the model's name for the table, used in expressions ({@code fx.usd_per_unit})
 * @param table the table's name in the warehouse
 * @param primaryKey columns that identify a row
 * @param timeDimension the time dimension this table's measures are dated by, or null; written
 *     {@code column} for a column of this table or {@code table.column} for one reached by a join
 * @param joins joins to other model tables, by target name
 * @param countable whether questions may count the table's rows ({@code count(reviews)}): the
 *     model, not the question, says what is countable
 */
public record ModelTable(String name, String table, String description, List<String> primaryKey,
    String timeDimension, Map<String, Join> joins, Position position, boolean countable) {
  public ModelTable {
    primaryKey = List.copyOf(primaryKey);
    joins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(joins));
  }

  /**
   * A join from this table to {@code to}, on equal columns.
   *
   * @param keys this table's column to the target's column, in order
   */
  public record Join(String to, Map<String, String> keys, Relationship relationship,
      Position position) {
    public Join {
      keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
    }
  }
}
