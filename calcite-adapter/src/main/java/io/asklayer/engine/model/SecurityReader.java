package io.asklayer.engine.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads the {@code security} and {@code guardrails} sections of a model file. */
final class SecurityReader {
  private static final Set<String> SECURITY_KEYS = Set.of("principals", "roles");
  private static final Set<String> PRINCIPAL_KEYS = Set.of("roles", "attributes");
  private static final Set<String> ROLE_KEYS = Set.of("unrestricted", "deny_tables",
      "row_filters", "masks", "privileges");
  private static final Set<String> VIA_KEYS = Set.of("visible_with", "keys");
  private static final Set<String> GUARDRAIL_KEYS = Set.of("max_rows",
      "statement_timeout_seconds", "max_question_length", "refused_topics",
      "warehouse_memory_limit");

  private final YamlTree y;
  private final Map<String, Position> positions;

  SecurityReader(YamlTree y, Map<String, Position> positions) {
    this.y = y;
    this.positions = positions;
  }

  SecuritySpec security(Node node) {
    Map<String, Node> m = y.mapping(node, "'security'", SECURITY_KEYS);
    Map<String, SecuritySpec.PrincipalSpec> principals = new LinkedHashMap<>();
    if (m.get("principals") == null) {
      y.problem(node, "'security' needs 'principals': the users it knows, with their roles");
    } else {
      y.mapping(m.get("principals"), "'principals'", null).forEach((name, p) -> {
        String what = "principal '" + name + "'";
        positions.put("security.principals." + name, y.position(p));
        Map<String, Node> pm = y.mapping(p, what, PRINCIPAL_KEYS);
        List<String> roles = y.strings(pm, "roles", what);
        if (roles.isEmpty()) {
          y.problem(p, what + " needs 'roles': at least one role");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (pm.get("attributes") != null) {
          y.mapping(pm.get("attributes"), "the attributes of " + what, null).forEach((k, v) -> {
            String s = y.scalar(v, "attribute '" + k + "' of " + what);
            if (s != null) {
              attributes.put(k, attributeValue((ScalarNode) v, s));
            }
          });
        }
        principals.put(name, new SecuritySpec.PrincipalSpec(name, roles, attributes,
            y.position(p)));
      });
    }
    Map<String, SecuritySpec.RoleSpec> roles = new LinkedHashMap<>();
    if (m.get("roles") == null) {
      y.problem(node, "'security' needs 'roles': what each role may see");
    } else {
      y.mapping(m.get("roles"), "'roles'", null).forEach((name, r) ->
          roles.put(name, role(name, r)));
    }
    return new SecuritySpec(principals, roles);
  }

  /** Numbers stay numbers, so a filter compares region_id to 1, not to '1'. */
  private static Object attributeValue(ScalarNode node, String s) {
    if (node.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        return s;
      }
    }
    return s;
  }

  private SecuritySpec.RoleSpec role(String name, Node node) {
    String what = "role '" + name + "'";
    String path = "security.roles." + name;
    positions.put(path, y.position(node));
    Map<String, Node> m = y.mapping(node, what, ROLE_KEYS);
    boolean unrestricted = false;
    String u = y.optional(m, "unrestricted", what);
    if (u != null) {
      if (!u.equals("true") && !u.equals("false")) {
        y.problem(m.get("unrestricted"), "'unrestricted' of " + what + " must be true or false");
      }
      unrestricted = u.equals("true");
    }
    Set<String> denied = new LinkedHashSet<>(y.strings(m, "deny_tables", what));
    if (m.get("deny_tables") != null) {
      positions.put(path + ".deny_tables", y.position(m.get("deny_tables")));
    }
    Map<String, SecuritySpec.RowFilter> filters = new LinkedHashMap<>();
    if (m.get("row_filters") != null) {
      y.mapping(m.get("row_filters"), "the row filters of " + what, null).forEach((table, f) -> {
        String fwhat = "the row filter of " + what + " on '" + table + "'";
        positions.put(path + ".row_filters." + table, y.position(f));
        if (f instanceof ScalarNode s) {
          filters.put(table, new SecuritySpec.RowFilter(table, s.getValue(), null, Map.of(),
              y.position(f)));
        } else if (f instanceof MappingNode) {
          Map<String, Node> fm = y.mapping(f, fwhat, VIA_KEYS);
          String with = y.required(fm, "visible_with", f, fwhat);
          Map<String, String> keys = new LinkedHashMap<>();
          if (fm.get("keys") == null) {
            y.problem(f, fwhat + " needs 'keys': this table's columns mapped to "
                + "'visible_with' table's");
          } else {
            y.mapping(fm.get("keys"), "the keys of " + fwhat, null).forEach((k, v) -> {
              String c = y.scalar(v, "a key of " + fwhat);
              if (c != null) {
                keys.put(k, c);
              }
            });
          }
          filters.put(table, new SecuritySpec.RowFilter(table, null, with, keys, y.position(f)));
        } else {
          y.problem(f, fwhat + " must be an SQL condition, or 'visible_with' and 'keys'");
        }
      });
    }
    Map<String, Map<String, SecuritySpec.Mask>> masks = new LinkedHashMap<>();
    if (m.get("masks") != null) {
      y.mapping(m.get("masks"), "the masks of " + what, null).forEach((table, t) -> {
        positions.put(path + ".masks." + table, y.position(t));
        Map<String, SecuritySpec.Mask> columns = new LinkedHashMap<>();
        y.mapping(t, "the masks of " + what + " on '" + table + "'", null).forEach((col, a) -> {
          SecuritySpec.Mask mask = y.enumValue(a, SecuritySpec.Mask.class,
              "the mask of column '" + col + "'");
          if (mask != null) {
            columns.put(col, mask);
          }
        });
        masks.put(table, columns);
      });
    }
    return new SecuritySpec.RoleSpec(name, unrestricted, denied, filters, masks,
        privileges(m.get("privileges"), what), y.position(node));
  }

  /** A role's {@code privileges:}, a list of privilege names; each unknown one is a problem. */
  private Set<SecuritySpec.Privilege> privileges(Node node, String what) {
    Set<SecuritySpec.Privilege> out = EnumSet.noneOf(SecuritySpec.Privilege.class);
    if (node == null) {
      return out;
    }
    if (!(node instanceof SequenceNode seq)) {
      y.problem(node, "'privileges' of " + what + " must be a list, for example "
          + "privileges: [refresh]");
      return out;
    }
    for (Node item : seq.getValue()) {
      SecuritySpec.Privilege p = y.enumValue(item, SecuritySpec.Privilege.class,
          what + ": privilege");
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  Guardrails guardrails(Node node) {
    Map<String, Node> m = y.mapping(node, "'guardrails'", GUARDRAIL_KEYS);
    Guardrails d = Guardrails.DEFAULTS;
    return new Guardrails(
        number(m, "max_rows", d.maxRows()),
        (int) number(m, "statement_timeout_seconds", d.statementTimeoutSeconds()),
        (int) number(m, "max_question_length", d.maxQuestionLength()),
        y.strings(m, "refused_topics", "'guardrails'"),
        memoryLimit(m, d.warehouseMemoryLimit()));
  }

  private String memoryLimit(Map<String, Node> m, String fallback) {
    String v = y.optional(m, "warehouse_memory_limit", "'guardrails'");
    if (v == null) {
      return fallback;
    }
    if (Guardrails.isMemoryLimit(v.trim())) {
      return v.trim();
    }
    y.problem(m.get("warehouse_memory_limit"), "'warehouse_memory_limit' must be a size above 0 "
        + "such as 4GB or 512MB, or a share of the machine's memory up to 100% such as 25%, not '"
        + v + "'");
    return fallback;
  }

  private long number(Map<String, Node> m, String key, long fallback) {
    String v = y.optional(m, key, "'guardrails'");
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    y.problem(m.get(key), "'" + key + "' must be a whole number greater than 0, not '" + v + "'");
    return fallback;
  }
}
