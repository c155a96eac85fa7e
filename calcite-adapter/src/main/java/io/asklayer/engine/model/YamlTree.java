package io.asklayer.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a composed YAML node tree with positions, collecting problems instead of stopping at the
 * first, so one load reports everything wrong with a file.
 */
final class YamlTree {
  private final String file;
  private final List<String> problems = new ArrayList<>();

  YamlTree(String file) {
    this.file = file;
  }

  List<String> problems() {
    return problems;
  }

  Position position(Node node) {
    Optional<Mark> m = node.getStartMark();
    return m.map(mark -> new Position(file, mark.getLine() + 1, mark.getColumn() + 1))
        .orElse(new Position(file, 1, 1));
  }

  void problem(Node node, String message) {
    problem(position(node), message);
  }

  void problem(Position at, String message) {
    problems.add(at + ": " + message);
  }

  /**
   * The entries of a mapping node, keys in file order; reports a non-mapping, duplicate keys and
   * keys outside {@code allowed} (when not null).
   */
  Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode m)) {
      problem(node, what + " must be a mapping of keys to values");
      return out;
    }
    for (NodeTuple t : m.getValue()) {
      String key = scalar(t.getKeyNode(), "a key in " + what);
      if (key == null) {
        continue;
      }
      if (out.containsKey(key)) {
        problem(t.getKeyNode(), "'" + key + "' appears twice in " + what);
        continue;
      }
      if (allowed != null && !allowed.contains(key)) {
        problem(t.getKeyNode(), "unknown key '" + key + "' in " + what + "; expected one of: "
            + String.join(", ", new TreeSet<>(allowed)));
        continue;
      }
      out.put(key, t.getValueNode());
    }
    return out;
  }

  /** The text of a scalar node, or null (reported) if the node is not a scalar. */
  String scalar(Node node, String what) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    problem(node, what + " must be a single value, not a list or mapping");
    return null;
  }

  /** A required scalar entry; reports and returns null when missing. */
  String required(Map<String, Node> map, String key, Node parent, String what) {
    Node n = map.get(key);
    if (n == null) {
      problem(parent, what + " needs '" + key + "'");
      return null;
    }
    String v = scalar(n, "'" + key + "' of " + what);
    if (v != null && v.isBlank()) {
      problem(n, "'" + key + "' of " + what + " must not be empty");
      return null;
    }
    return v;
  }

  /** An optional scalar entry, or null. */
  String optional(Map<String, Node> map, String key, String what) {
    Node n = map.get(key);
    return n == null ? null : scalar(n, "'" + key + "' of " + what);
  }

  /** A list of scalars; a single scalar is read as a one-element list. Missing: empty list. */
  List<String> strings(Map<String, Node> map, String key, String what) {
    Node n = map.get(key);
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (n instanceof ScalarNode s) {
      out.add(s.getValue());
    } else if (n instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        String v = scalar(item, "an item of '" + key + "' in " + what);
        if (v != null) {
          out.add(v);
        }
      }
    } else {
      problem(n, "'" + key + "' of " + what + " must be a list");
    }
    return out;
  }

  /** The items of a sequence node (a missing node is an empty list). */
  List<Node> sequence(Node node, String what) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof SequenceNode seq) {
      return seq.getValue();
    }
    problem(node, what + " must be a list");
    return List.of();
  }

  /** An enum constant named by a scalar, case-insensitive, with '-' and ' ' read as '_'. */
  <E extends Enum<E>> E enumValue(Node node, Class<E> type, String what) {
    String v = scalar(node, what);
    if (v == null) {
      return null;
    }
    String name = v.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    List<String> accepted = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      accepted.add(e.name().toLowerCase(Locale.ROOT));
    }
    problem(node, what + " '" + v + "' is not one of: " + String.join(", ", accepted));
    return null;
  }
}
