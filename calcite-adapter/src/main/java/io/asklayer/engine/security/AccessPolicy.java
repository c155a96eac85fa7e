package io.asklayer.engine.security;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.model.SecuritySpec;
import io.asklayer.engine.model.SemanticModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one principal may see, combined over its roles the way permissions add up: a table is
 * readable if any role may read it; a row is visible if any role's filter admits it (a role with no
 * filter on the table admits every row); a column is hidden only if every role that reads the table
 * hides it.
 */
public final class AccessPolicy {
  private final String principal;
  private final Map<String, Object> attributes;
  private final List<SecuritySpec.RoleSpec> roles;
  private final boolean unrestricted;

  private AccessPolicy(String principal, Map<String, Object> attributes,
      List<SecuritySpec.RoleSpec> roles, boolean unrestricted) {
    this.principal = principal;
    this.attributes = attributes;
    this.roles = roles;
    this.unrestricted = unrestricted;
  }

  /**
   * The policy of {@code user} under a model's security section; every user is unrestricted when
   * the model declares none.
   *
   * @throws AsklayerException (identity) if the section does not know the user
   */
  public static AccessPolicy of(SemanticModel model, String user) {
    SecuritySpec sec = model.security();
    if (sec == null) {
      return new AccessPolicy(user, Map.of(), List.of(), true);
    }
    SecuritySpec.PrincipalSpec p = sec.principals().get(user);
    if (p == null) {
      throw new AsklayerException(ErrorKind.IDENTITY, "Unknown user '" + user + "': the security "
          + "policy of model '" + model.name() + "' does not know this principal. Connect as a "
          + "principal it declares, or ask an administrator to add this one.");
    }
    List<SecuritySpec.RoleSpec> roles = new ArrayList<>();
    p.roles().forEach(r -> roles.add(sec.roles().get(r)));
    boolean unrestricted = roles.stream().anyMatch(SecuritySpec.RoleSpec::unrestricted);
    return new AccessPolicy(user, p.attributes(), List.copyOf(roles), unrestricted);
  }

  public String principal() {
    return principal;
  }

  /** The principal's attributes, which row filters refer to as {@code principal.name}. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  public boolean unrestricted() {
    return unrestricted;
  }

  /** Whether the principal may read a warehouse table. */
  public boolean canRead(String table) {
    return unrestricted || roles.stream().anyMatch(r -> !denies(r, table));
  }

  /**
   * The filters whose union is the rows of {@code table} the principal sees, or an empty list when
   * it sees every row.
   */
  public List<SecuritySpec.RowFilter> rowFilters(String table) {
    if (unrestricted) {
      return List.of();
    }
    List<SecuritySpec.RowFilter> out = new ArrayList<>();
    for (SecuritySpec.RoleSpec r : roles) {
      if (denies(r, table)) {
        continue;
      }
      SecuritySpec.RowFilter f = find(r.rowFilters(), table);
      if (f == null) {
        return List.of();
      }
      out.add(f);
    }
    return out;
  }

  /** The columns of {@code table} the principal sees hidden, and how. */
  public Map<String, SecuritySpec.Mask> masks(String table) {
    Map<String, SecuritySpec.Mask> out = new LinkedHashMap<>();
    if (unrestricted) {
      return out;
    }
    boolean first = true;
    for (SecuritySpec.RoleSpec r : roles) {
      if (denies(r, table)) {
        continue;
      }
      Map<String, SecuritySpec.Mask> m = find(r.masks(), table);
      Map<String, SecuritySpec.Mask> mine = m == null ? Map.of() : lower(m);
      if (first) {
        out.putAll(mine);
        first = false;
      } else {
        out.keySet().retainAll(mine.keySet());
        out.replaceAll((c, a) -> a == SecuritySpec.Mask.DENY && mine.get(c) == a ? a
            : SecuritySpec.Mask.MASK);
      }
    }
    return out;
  }

  private static Map<String, SecuritySpec.Mask> lower(Map<String, SecuritySpec.Mask> m) {
    Map<String, SecuritySpec.Mask> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
    return out;
  }

  private static boolean denies(SecuritySpec.RoleSpec r, String table) {
    return !r.unrestricted()
        && r.deniedTables().stream().anyMatch(t -> t.equalsIgnoreCase(table));
  }

  private static <T> T find(Map<String, T> byTable, String table) {
    for (Map.Entry<String, T> e : byTable.entrySet()) {
      if (e.getKey().equalsIgnoreCase(table)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Identifies the policy for caches: the same fingerprint means the same visible data. */
  public String fingerprint() {
    // Spelled out rather than hashed: plans and answers are cached under it, so two policies
    // must never share one by a hash collision.
    return unrestricted ? "unrestricted" : "roles="
        + roles.stream().map(SecuritySpec.RoleSpec::name).sorted().toList()
        + ";attributes=" + new java.util.TreeMap<>(attributes);
  }
}
