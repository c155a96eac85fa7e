package io.asklayer.engine.model;

import java.util.Collections;
import java.util.EnumSet;
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

  /** The roles that grant {@code privilege}, in the model's order. */
  public List<String> rolesGranting(Privilege privilege) {
    return roles.values().stream().filter(r -> r.privileges().contains(privilege))
        .map(RoleSpec::name).toList();
  }

  /** Whether one of {@code principal}'s roles grants {@code privilege}. */
  public boolean grants(String principal, Privilege privilege) {
    PrincipalSpec p = principals.get(principal);
    return p != null && p.roles().stream().anyMatch(rolesGranting(privilege)::contains);
  }

  /** The principals holding {@code privilege} through a role, in the model's order. */
  public List<String> holders(Privilege privilege) {
    return principals.keySet().stream().filter(p -> grants(p, privilege)).toList();
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
   * @param privileges actions beyond reading the role may take; {@code unrestricted} does not
   *     imply any (seeing every row is not the right to change what everyone sees)
   */
  public record RoleSpec(String name, boolean unrestricted, Set<String> deniedTables,
      Map<String, RowFilter> rowFilters, Map<String, Map<String, Mask>> masks,
      Set<Privilege> privileges, Position position) {
    public RoleSpec {
      deniedTables = Set.copyOf(deniedTables);
      privileges = privileges.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(privileges));
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

  /**
   * An action a role may be granted, written in lower case in the model
   * ({@code privileges: [refresh]}).
   */
  public enum Privilege {
    /**
     * {@code REFRESH METADATA} and {@code REFRESH DOCUMENTS}: re-read the warehouse for every
     * session of the same policy, and forget the kept plans.
     */
    REFRESH;

    /** The name the model and messages use. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How a hidden column reads: masked (a fixed placeholder) or denied (always NULL). */
  public enum Mask {
    MASK, DENY
  }
}
