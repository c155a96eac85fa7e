package io.asklayer.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A golden file of cases: blocks starting {@code ### name}, whose sections start {@code --- key}
 * (the text before the first section is the {@code input}). With
 * {@code -Dasklayer.golden.update=true} a test writes what it produced back into the file instead of
 * failing, for review with {@code git diff}.
 */
public final class GoldenFile {
  public static final boolean UPDATE = Boolean.getBoolean("asklayer.golden.update");

  /** One case: its name and its sections by key, in file order. */
  public record Case(String name, Map<String, String> sections) {
    public String input() {
      return sections.get("input");
    }

    public String get(String key) {
      return sections.get(key);
    }

    @Override public String toString() {
      return name;
    }
  }

  private final Path path;
  private final List<Case> cases;

  private GoldenFile(Path path, List<Case> cases) {
    this.path = path;
    this.cases = cases;
  }

  /** Reads {@code src/test/resources/golden/<name>} of the module under test. */
  public static GoldenFile read(String name) {
    Path p = Paths.get("src", "test", "resources", "golden", name);
    try {
      return new GoldenFile(p, parse(Files.readString(p, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read golden file " + p.toAbsolutePath(), e);
    }
  }

  public List<Case> cases() {
    return cases;
  }

  static List<Case> parse(String text) {
    List<Case> out = new ArrayList<>();
    String name = null;
    String key = "input";
    Map<String, String> sections = null;
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("### ")) {
        if (name != null) {
          sections.put(key, body.toString().strip());
          out.add(new Case(name, sections));
        }
        name = line.substring(4).trim();
        sections = new LinkedHashMap<>();
        key = "input";
        body.setLength(0);
      } else if (line.startsWith("--- ") && name != null) {
        sections.put(key, body.toString().strip());
        key = line.substring(4).trim();
        body.setLength(0);
      } else if (name != null) {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      sections.put(key, body.toString().strip());
      out.add(new Case(name, sections));
    }
    return out;
  }

  /** Replaces one section of a case, remembered for {@link #write()}. */
  public synchronized void set(String caseName, String key, String value) {
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      if (c.name().equals(caseName)) {
        Map<String, String> s = new LinkedHashMap<>(c.sections());
        s.put(key, value.strip());
        cases.set(i, new Case(c.name(), s));
      }
    }
  }

  /** Writes the cases back, in the file's format. */
  public synchronized void write() {
    StringBuilder b = new StringBuilder();
    for (Case c : cases) {
      b.append("### ").append(c.name()).append('\n');
      c.sections().forEach((k, v) -> {
        if (!k.equals("input")) {
          b.append("--- ").append(k).append('\n');
        }
        b.append(v).append("\n");
      });
      b.append('\n');
    }
    try {
      Files.writeString(path, b.toString().strip() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write golden file " + path, e);
    }
  }
}
