package io.asklayer.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may see what, as the model declares it: principals with roles and attributes, and per role
 * the tables it may not read, row filters and column masks. Tables and columns are the warehouse's
 * own names, because they guard every statement, not only metric queries.
 *
 * @param principals by name
 * @param roles by name
 */
public record SecuritySpec(Map<String, PrincipalSpec> principals, Map<String, RoleSpec> roles) {
  public SecuritySpec {
    principals = Collections.unmodifiableMap(new LinkedHashMap<>(principals));
    roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
  }

  /** A principal: its roles, and attributes that row filters refer to as principal.name. */
  public record PrincipalSpec(String name, List<String> roles, Map<String, Object> attributes,
      Position position) {
    public PrincipalSpec {
      roles = List.copyOf(roles);
      attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
  }

  /**
   * What a role may see.
   *
   * @param unrestricted sees every table, row and column as stored
   * @param deniedTables tables it may not read at all
   * @param rowFilters per table, which rows it sees
   * @param masks per table, per column, how the column is hidden
   */
  public record RoleSpec(String name, boolean unrestricted, Set<String> deniedTables,
      Map<String, RowFilter> rowFilters, Map<String, Map<String, Mask>> masks,
      Position position) {
    public RoleSpec {
      deniedTables = Set.copyOf(deniedTables);
      rowFilters = Collections.unmodifiableMap(new LinkedHashMap<>(rowFilters));
      masks = Collections.unmodifiableMap(new LinkedHashMap<>(masks));
    }
  }

  /**
   * Which rows of a table a role sees: those matching {@code expression} (SQL over the table's
   * columns and {@code principal.attribute}), or those whose row in {@code visibleWith} (joined on
   * {@code keys}, this table's column to that table's) is visible to the same principal.
   */
  public record RowFilter(String table, String expression, String visibleWith,
      Map<String, String> keys, Position position) {
    public RowFilter {
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }
  }

  /** How a hidden column reads: masked (a fixed placeholder) or denied (always NULL). */
  public enum Mask {
    MASK, DENY
  }
}
