package io.asklayer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated warehouse has the contract's shape and the patterns answers rely on. */
class RetailDemoGeneratorTest {
  private static Connection db;

  @BeforeAll
  static void open() throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    db = DriverManager.getConnection(TestWarehouse.url(), p);
  }

  private static List<List<Object>> rows(String sql) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  private static Object one(String sql) throws SQLException {
    return rows(sql).get(0).get(0);
  }

  private static double number(String sql) throws SQLException {
    return ((Number) one(sql)).doubleValue();
  }

  @Test
  void tablesAndColumnsFollowTheDesignContract() throws SQLException {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("regions", "region_id INTEGER, region_name VARCHAR");
    expected.put("stores", "store_id INTEGER, store_name VARCHAR, region_id INTEGER, city VARCHAR, "
        + "opened_date DATE");
    expected.put("suppliers", "supplier_id INTEGER, supplier_name VARCHAR, country VARCHAR");
    expected.put("product_master", "sku VARCHAR, product_name VARCHAR, category VARCHAR, "
        + "subcategory VARCHAR, brand VARCHAR, supplier_id INTEGER, unit_cost DECIMAL(12,2), "
        + "list_price DECIMAL(12,2)");
    expected.put("customers", "customer_id INTEGER, customer_name VARCHAR, email VARCHAR, "
        + "segment VARCHAR, region_id INTEGER, signup_date DATE");
    expected.put("sales_transactions", "order_id VARCHAR, line_number INTEGER, order_date DATE, "
        + "date_key INTEGER, region_id INTEGER, store_id INTEGER, channel VARCHAR, "
        + "customer_id INTEGER, sku VARCHAR, quantity INTEGER, unit_price DECIMAL(12,2), "
        + "discount DECIMAL(5,4), currency VARCHAR");
    expected.put("fx_rates", "currency VARCHAR, rate_date DATE, usd_per_unit DECIMAL(12,6)");
    expected.put("returns", "return_id INTEGER, order_id VARCHAR, line_number INTEGER, sku VARCHAR, "
        + "return_date DATE, quantity INTEGER, reason VARCHAR");
    expected.put("employees", "employee_id INTEGER, employee_name VARCHAR, region_id INTEGER, "
        + "job_title VARCHAR, salary DECIMAL(12,2)");
    expected.put("product_reviews", "review_id INTEGER, sku VARCHAR, customer_id INTEGER, "
        + "review_date DATE, rating INTEGER, title VARCHAR, body VARCHAR");
    expected.put("policy_documents", "doc_id INTEGER, title VARCHAR, body VARCHAR, "
        + "region_id INTEGER, effective_date DATE");
    expected.put("supplier_emails", "email_id INTEGER, supplier_id INTEGER, sent_date DATE, "
        + "subject VARCHAR, body VARCHAR");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Object columns = one("SELECT string_agg(column_name || ' ' || data_type, ', ' "
          + "ORDER BY column_index) FROM duckdb_columns() WHERE table_name = '" + e.getKey() + "'");
      assertThat(columns).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void fixedVocabulariesAreExact() throws SQLException {
    assertThat(rows("SELECT region_name FROM regions ORDER BY region_id"))
        .extracting(r -> r.get(0))
        .containsExactly("North", "South", "East", "West", "Central");
    assertThat(rows("SELECT DISTINCT category FROM product_master ORDER BY 1"))
        .extracting(r -> r.get(0))
        .containsExactly("Apparel", "Beauty", "Electronics", "Home", "Sports", "Toys");
    assertThat(rows("SELECT DISTINCT channel FROM sales_transactions ORDER BY 1"))
        .extracting(r -> r.get(0)).containsExactly("Amazon", "Magento", "Shopify", "Store");
    assertThat(rows("SELECT DISTINCT currency FROM sales_transactions ORDER BY 1"))
        .extracting(r -> r.get(0)).containsExactly("CAD", "EUR", "GBP", "USD");
    assertThat(rows("SELECT DISTINCT segment FROM customers ORDER BY 1"))
        .extracting(r -> r.get(0)).containsExactly("Consumer", "Corporate", "Small Business");
    assertThat(rows("SELECT DISTINCT reason FROM \"returns\" ORDER BY 1"))
        .extracting(r -> r.get(0)).containsExactly("Changed mind", "Damaged in transit",
            "Defective", "Not as described", "Wrong size");
  }

  @Test
  void keysAreUniqueAndReferencesResolve() throws SQLException {
    assertThat(number("SELECT count(*) - count(DISTINCT product_name) FROM product_master"))
        .isZero();
    assertThat(number("SELECT count(*) - count(DISTINCT (order_id, line_number)) "
        + "FROM sales_transactions")).isZero();
    assertThat(rows("SELECT min(sku), count(*) FROM product_master "
        + "WHERE regexp_full_match(sku, 'SKU-[0-9]+')").get(0))
        .extracting(Object::toString).containsExactly("SKU-100", "300");
    assertThat(number("SELECT count(*) FROM sales_transactions s LEFT JOIN product_master p "
        + "USING (sku) WHERE p.sku IS NULL")).isZero();
    assertThat(number("SELECT count(*) FROM sales_transactions s LEFT JOIN fx_rates f "
        + "ON f.currency = s.currency AND f.rate_date = s.order_date WHERE f.currency IS NULL"))
        .isZero();
    assertThat(number("SELECT count(*) FROM \"returns\" r LEFT JOIN sales_transactions s "
        + "USING (order_id, line_number) WHERE s.order_id IS NULL OR r.quantity > s.quantity "
        + "OR r.return_date < s.order_date")).isZero();
    // Online lines have no store; store lines have a store in the line's region.
    assertThat(number("SELECT count(*) FROM sales_transactions s LEFT JOIN stores st "
        + "USING (store_id) WHERE (s.channel = 'Store') <> (s.store_id IS NOT NULL) "
        + "OR (s.store_id IS NOT NULL AND st.region_id <> s.region_id)")).isZero();
    assertThat(number("SELECT count(*) FROM sales_transactions WHERE date_key <> "
        + "year(order_date) * 10000 + month(order_date) * 100 + day(order_date)")).isZero();
  }

  @Test
  void everyDateIsInsideTheCoveredYears() throws SQLException {
    assertThat(rows("SELECT min(order_date), max(order_date) FROM sales_transactions").get(0))
        .extracting(Object::toString).containsExactly("2023-01-01", "2025-12-31");
    for (String t : new String[] {"\"returns\".return_date", "product_reviews.review_date",
        "supplier_emails.sent_date", "fx_rates.rate_date"}) {
      String table = t.substring(0, t.lastIndexOf('.'));
      assertThat(number("SELECT count(*) FROM " + table + " WHERE " + t
          + " NOT BETWEEN DATE '2023-01-01' AND DATE '2025-12-31'")).as(t).isZero();
    }
    assertThat(number("SELECT count(*) FROM fx_rates")).isEqualTo(4 * 1096);
    assertThat(number("SELECT count(*) FROM fx_rates WHERE currency = 'USD' AND usd_per_unit <> 1"))
        .isZero();
  }

  @Test
  void scaleSetsTheNumberOfSalesLines() throws SQLException {
    double lines = number("SELECT count(*) FROM sales_transactions");
    assertThat(lines).isBetween(95_000.0, 105_000.0);
  }

  @Test
  void salesPeakInTheFourthQuarterAndGrowYearOnYear() throws SQLException {
    for (int year = 2023; year <= 2025; year++) {
      double q4 = number("SELECT sum(quantity) FROM sales_transactions WHERE year(order_date) = "
          + year + " AND quarter(order_date) = 4");
      double q1 = number("SELECT sum(quantity) FROM sales_transactions WHERE year(order_date) = "
          + year + " AND quarter(order_date) = 1");
      assertThat(q4).as("Q4 over Q1 of %d", year).isGreaterThan(q1 * 1.4);
    }
    assertThat(number("SELECT count(*) FROM sales_transactions WHERE year(order_date) = 2025"))
        .isGreaterThan(number("SELECT count(*) FROM sales_transactions "
            + "WHERE year(order_date) = 2023") * 1.1);
  }

  @Test
  void discountsDifferByChannelAndRegionsDiffer() throws SQLException {
    double store = number("SELECT avg(discount) FROM sales_transactions WHERE channel = 'Store'");
    double amazon = number("SELECT avg(discount) FROM sales_transactions WHERE channel = 'Amazon'");
    assertThat(amazon).isGreaterThan(store * 2);
    List<List<Object>> byRegion = rows("SELECT region_id, count(*) FROM sales_transactions "
        + "GROUP BY 1 ORDER BY 2");
    double smallest = ((Number) byRegion.get(0).get(1)).doubleValue();
    double largest = ((Number) byRegion.get(byRegion.size() - 1).get(1)).doubleValue();
    assertThat(largest).isGreaterThan(smallest * 1.8);
  }

  @Test
  void fxRatesMoveEveryDay() throws SQLException {
    assertThat(number("SELECT count(DISTINCT usd_per_unit) FROM fx_rates WHERE currency = 'EUR'"))
        .isGreaterThan(900);
    assertThat(number("SELECT max(usd_per_unit) / min(usd_per_unit) FROM fx_rates "
        + "WHERE currency = 'GBP'")).isBetween(1.02, 1.6);
  }

  @Test
  void defectProductsReturnOftenAndTheirReviewsAndSupplierEmailsNameTheDefect()
      throws SQLException {
    for (DefectTheme theme : DefectTheme.values()) {
      String sku = (String) one("SELECT sku FROM product_master WHERE category = '"
          + theme.category + "' AND product_name LIKE '%" + theme.noun + "' ORDER BY sku LIMIT 1");
      List<List<Object>> defect = rows("SELECT p.sku FROM product_master p JOIN supplier_emails e "
          + "ON e.supplier_id = p.supplier_id AND e.subject LIKE '%' || p.sku || '%' "
          + "WHERE p.category = '" + theme.category + "' GROUP BY 1");
      assertThat(defect).as(theme.name()).hasSize(1);
      String defectSku = (String) defect.get(0).get(0);
      double rate = number("SELECT sum(r.quantity) * 1.0 / (SELECT sum(quantity) FROM "
          + "sales_transactions WHERE sku = '" + defectSku + "') FROM \"returns\" r WHERE sku = '"
          + defectSku + "'");
      double others = number("SELECT sum(r.quantity) * 1.0 / (SELECT sum(s.quantity) FROM "
          + "sales_transactions s JOIN product_master p USING (sku) WHERE p.category = '"
          + theme.category + "' AND sku <> '" + defectSku + "') FROM \"returns\" r JOIN "
          + "product_master p USING (sku) WHERE p.category = '" + theme.category + "' AND sku <> '"
          + defectSku + "'");
      assertThat(rate).as("return rate of %s", theme).isGreaterThan(others * 2.5);
      String keyword = theme.keywords.get(0);
      double lowRated = number("SELECT count(*) FROM product_reviews WHERE sku = '" + defectSku
          + "' AND rating <= 2");
      double mentioning = number("SELECT count(*) FROM product_reviews WHERE sku = '" + defectSku
          + "' AND rating <= 2 AND lower(body) LIKE '%" + keyword + "%'");
      assertThat(lowRated).as("low-rated reviews of %s", theme).isGreaterThan(0);
      assertThat(mentioning / lowRated).as("share mentioning '%s'", keyword).isGreaterThan(0.5);
      assertThat(number("SELECT count(*) FROM product_reviews p JOIN product_master m USING (sku) "
          + "WHERE sku <> '" + defectSku + "' AND lower(p.body) LIKE '%" + keyword + "%' "
          + "AND lower(p.body) NOT LIKE '%' || lower(m.product_name) || '%" + keyword + "%'"))
          .as("generic reviews mentioning '%s'", keyword).isZero();
      assertThat(number("SELECT count(*) FROM supplier_emails WHERE body LIKE '%" + defectSku
          + "%' OR subject LIKE '%" + defectSku + "%'")).isGreaterThanOrEqualTo(3);
      assertThat(sku).isNotNull();
    }
  }

  @Test
  void sameSeedGivesTheSameWarehouseAndAnotherSeedAnother(@TempDir Path dir) throws Exception {
    DemoOptions small = new DemoOptions(0.002, 7);
    Path a = dir.resolve("a.duckdb");
    Path b = dir.resolve("b.duckdb");
    Path c = dir.resolve("c.duckdb");
    RetailDemoGenerator.generate(a, small, false, GenerationProgress.NONE);
    RetailDemoGenerator.generate(b, small, false, GenerationProgress.NONE);
    RetailDemoGenerator.generate(c, new DemoOptions(0.002, 8), false, GenerationProgress.NONE);
    assertThat(checksums(b)).isEqualTo(checksums(a));
    assertThat(checksums(c)).isNotEqualTo(checksums(a));
  }

  /** Order-independent checksum of every table. */
  static Map<String, Object> checksums(Path file) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT table_name FROM duckdb_tables() ORDER BY 1")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet rs = s.executeQuery("SELECT count(*), sum(hash(t)) FROM \"" + t + "\" t")) {
          rs.next();
          out.put(t, rs.getLong(1) + ":" + rs.getObject(2));
        }
      }
    }
    return out;
  }

  @Test
  void anExistingFileIsKeptUnlessReplacing(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("w.duckdb");
    Files.writeString(f, "not a database");
    assertThatThrownBy(() -> RetailDemoGenerator.generate(f, new DemoOptions(0.002, 1), false,
        GenerationProgress.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
    assertThat(Files.readString(f)).isEqualTo("not a database");
    assertThat(dir.toFile().list()).containsExactly("w.duckdb");
  }

  @Test
  void badScalesAreRefusedWithTheAcceptedRange() {
    assertThatThrownBy(() -> new DemoOptions(0, 1)).hasMessageContaining("between 0.001 and 100");
    assertThatThrownBy(() -> new DemoOptions(Double.NaN, 1)).hasMessageContaining("not NaN");
  }
}
