package io.asklayer.demo;

import java.util.Arrays;
import java.util.List;

/**
 * The defects the generator plants, one product per category, for checking retrieval against
 * them: the category, the product noun the defective product is named with, the fault, and the
 * words evidence of it contains.
 */
public final class PlantedDefects {
  /** One planted defect. */
  public record Defect(String category, String productNoun, String fault, List<String> keywords) {
  }

  private PlantedDefects() {
  }

  public static List<Defect> all() {
    return Arrays.stream(DefectTheme.values())
        .map(t -> new Defect(t.category, t.noun, t.fault, t.keywords)).toList();
  }
}
