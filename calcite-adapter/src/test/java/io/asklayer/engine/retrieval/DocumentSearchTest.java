package io.asklayer.engine.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.demo.PlantedDefects;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Document search through the driver on the test warehouse: the planted defects are found
 * (precision at 5 of at least 0.8, through {@code search_documents} and through ASK), filters hold,
 * results join with warehouse tables, the North manager searches only what it may read, and
 * {@code REFRESH DOCUMENTS} applies changes only.
 */
class DocumentSearchTest {
  private static Connection analyst;
  private static Connection north;
  private static Connection duckdb;
  private static Connection admin;

  @BeforeAll
  static void open() throws SQLException {
    analyst = TestEngine.connect("analyst");
    north = TestEngine.connect("north_manager");
    duckdb = TestEngine.duckdb();
    admin = TestEngine.connect("admin");
  }

  @AfterAll
  static void close() throws SQLException {
    analyst.close();
    north.close();
    duckdb.close();
    admin.close();
  }

  /** The SKU the generator gave a defect: of its noun, the one whose reviews describe it. */
  private static String defectiveSku(PlantedDefects.Defect d) throws SQLException {
    return Rows.query(duckdb, "SELECT p.sku FROM product_master p JOIN product_reviews r ON r.sku "
        + "= p.sku WHERE p.category = '" + d.category() + "' AND p.product_name LIKE '%"
        + d.productNoun() + "' AND lower(r.body) LIKE '%" + d.keywords().get(0) + "%' "
        + "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").get(0).get(0).toString();
  }

  private static boolean mentions(String text, PlantedDefects.Defect d) {
    String t = text.toLowerCase(Locale.ROOT);
    return d.keywords().stream().anyMatch(k -> t.contains(k.toLowerCase(Locale.ROOT)));
  }

  /** The full text of each review id, from DuckDB. */
  private static String review(Object id) throws SQLException {
    List<Object> r = Rows.query(duckdb, "SELECT title || ' ' || body FROM product_reviews "
        + "WHERE review_id = " + id).get(0);
    return r.get(0).toString();
  }

  @Test
  void complaintsAboutEachDefectiveProductAreEvidenceOfItsDefect() throws SQLException {
    double total = 0;
    for (PlantedDefects.Defect d : PlantedDefects.all()) {
      String sku = defectiveSku(d);
      List<List<Object>> rows = Rows.query(analyst, "ASK 'why are customers complaining about "
          + sku + "?'");
      assertThat(rows).as("%s (%s)", sku, d.fault()).hasSize(5);
      int relevant = 0;
      for (List<Object> row : rows) {
        assertThat(row.get(2)).isEqualTo(sku);
        relevant += mentions(review(row.get(1)), d) ? 1 : 0;
      }
      double precision = relevant / 5.0;
      assertThat(precision).as("precision at 5 for %s (%s)", sku, d.fault())
          .isGreaterThanOrEqualTo(0.8);
      String theme = rows.get(0).get(10).toString();
      assertThat(d.keywords().stream().anyMatch(theme::contains))
          .as("the theme '%s' names the defect %s", theme, d.keywords()).isTrue();
      total += precision;
    }
    assertThat(total / PlantedDefects.all().size()).isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void searchingAFaultFindsItsReviewsFirst() throws SQLException {
    for (PlantedDefects.Defect d : PlantedDefects.all()) {
      List<List<Object>> rows = Rows.query(analyst, "SELECT doc_id FROM TABLE(search_documents("
          + "query => '" + d.fault() + "', k => 5, source => 'reviews'))");
      int relevant = 0;
      for (List<Object> row : rows) {
        relevant += mentions(review(row.get(0)), d) ? 1 : 0;
      }
      assertThat(relevant / 5.0).as("precision at 5 of '%s'", d.fault())
          .isGreaterThanOrEqualTo(0.8);
    }
  }

  @Test
  void filtersHold() throws SQLException {
    String sku = defectiveSku(PlantedDefects.all().get(0));
    List<List<Object>> rows = Rows.query(analyst, "SELECT source, sku, rating, doc_date FROM "
        + "TABLE(search_documents(query => 'battery', k => 50, source => 'reviews', sku => '"
        + sku + "', "
        + "min_rating => 1, max_rating => 2, from_date => '2024-01-01', to_date => "
        + "'2024-12-31'))");
    assertThat(rows).isNotEmpty();
    for (List<Object> r : rows) {
      assertThat(r.get(0)).isEqualTo("reviews");
      assertThat(r.get(1)).isEqualTo(sku);
      assertThat(((Number) r.get(2)).intValue()).isBetween(1, 2);
      LocalDate date = LocalDate.parse(r.get(3).toString());
      assertThat(date).isBetween(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
    }
    List<List<Object>> policies = Rows.query(analyst, "SELECT source, region FROM "
        + "TABLE(search_documents(query => 'return', k => 20, source => 'policies', "
        + "region => 'South'))");
    assertThat(policies).isNotEmpty().allSatisfy(r -> {
      assertThat(r.get(0)).isEqualTo("policies");
      assertThat(r.get(1)).isEqualTo("South");
    });
    SQLException e = catchThrowableOfType(SQLException.class, () -> Rows.query(analyst,
        "SELECT * FROM TABLE(search_documents(query => 'x', k => 5, source => 'tweets'))"));
    assertThat(e.getMessage()).contains("no documents called 'tweets'").contains("reviews");
    SQLException mixed = catchThrowableOfType(SQLException.class, () -> Rows.query(analyst,
        "SELECT * FROM TABLE(search_documents('x', 5, source => 'reviews'))"));
    assertThat(mixed.getMessage()).contains("name them all");
  }

  @Test
  void resultsJoinWithTheWarehouse() throws SQLException {
    List<List<Object>> rows = Rows.query(analyst, "SELECT p.product_name, p.category, d.snippet "
        + "FROM TABLE(search_documents(query => 'zipper broke', k => 10, source => 'reviews')) "
        + "d "
        + "JOIN product_master p ON p.sku = d.sku ORDER BY d.score DESC");
    assertThat(rows).hasSize(10);
    assertThat(rows).extracting(r -> r.get(1)).containsOnly("Apparel");
  }

  @Test
  void theNorthManagerSearchesOnlyWhatItMayRead() throws SQLException {
    Set<String> northReviews = Rows.query(duckdb, "SELECT r.review_id FROM product_reviews r "
        + "JOIN customers c ON c.customer_id = r.customer_id WHERE c.region_id = 1").stream()
        .map(r -> r.get(0).toString()).collect(Collectors.toSet());
    List<List<Object>> found = Rows.query(north, "SELECT source, doc_id, region FROM "
        + "TABLE(search_documents('battery drains', 200))");
    assertThat(found).isNotEmpty();
    for (List<Object> r : found) {
      if (r.get(0).equals("reviews")) {
        assertThat(northReviews).as("review %s", r.get(1)).contains(r.get(1).toString());
      }
      if (r.get(0).equals("policies")) {
        assertThat(r.get(2)).as("policy %s", r.get(1)).isIn("North", null);
      }
    }
    Set<String> policyRegions = new HashSet<>();
    for (List<Object> r : Rows.query(north, "SELECT region FROM TABLE(search_documents("
        + "query => 'return refund warranty shipping', k => 100, source => 'policies'))")) {
      policyRegions.add(String.valueOf(r.get(0)));
    }
    assertThat(policyRegions).isSubsetOf("North", "null");
    List<List<Object>> asked = Rows.query(north, "ASK 'what do customers say about battery "
        + "life?'");
    assertThat(asked).isNotEmpty().allSatisfy(r ->
        assertThat(northReviews).contains(r.get(1).toString()));
  }

  @Test
  void refreshAppliesOnlyWhatChanged() throws SQLException {
    // Refreshing is the admin's privilege in the demo model.
    Rows.query(admin, "SELECT * FROM TABLE(search_documents('battery', 1))");
    List<Object> r = Rows.query(admin, "REFRESH DOCUMENTS").get(0);
    long documents = Long.parseLong(r.get(0).toString());
    assertThat(documents).isEqualTo(((Number) Rows.query(duckdb, "SELECT (SELECT count(*) FROM "
        + "product_reviews) + (SELECT count(*) FROM policy_documents) + (SELECT count(*) FROM "
        + "supplier_emails)").get(0).get(0)).longValue());
    assertThat(r.subList(1, 5)).extracting(Object::toString)
        .containsExactly("0", "0", "0", String.valueOf(documents));
    assertThat(r.get(6)).isEqualTo("full text and vectors");
  }
}
