package io.asklayer.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.session.SessionConfig;
import io.asklayer.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Properties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken model is refused with every problem, each at its file, line and column, saying what is
 * wrong and what would be valid. One test per kind of problem.
 */
class ModelLoaderTest {
  /** A small valid model that each test breaks in one place. */
  private static final String VALID = """
      model: shop
      tables:
        sales:
          table: sales_transactions
          primary_key: [order_id, line_number]
          time_dimension: order_date
          joins:
            products: { keys: { sku: sku } }
        products:
          table: product_master
          primary_key: [sku]
      dimensions:
        order_date: { table: sales, column: order_date, type: time, grains: [month, year] }
        category: { table: products, column: category, synonyms: [department] }
      metrics:
        revenue:
          aggregate: sum
          table: sales
          expression: quantity * unit_price
          synonyms: [sales]
        cost:
          aggregate: sum
          table: sales
          expression: quantity * products.unit_cost
        margin:
          expression: revenue - cost
        margin_pct:
          ratio: { numerator: margin, denominator: revenue }
      """;

  private static ModelException problems(String yaml) {
    return catchThrowableOfType(ModelException.class, () -> ModelLoader.parse(yaml, "m.yaml"));
  }

  @Test
  void theValidModelLoads() {
    SemanticModel m = ModelLoader.parse(VALID, "m.yaml");
    assertThat(m.metrics()).containsKeys("revenue", "cost", "margin", "margin_pct");
    assertThat(m.maxDimensionValues()).isEqualTo(SemanticModel.DEFAULT_MAX_DIMENSION_VALUES);
  }

  @Test
  void aYamlSyntaxErrorIsPlaced() {
    ModelException e = problems(VALID.replace("grains: [month, year] }", "grains: [month, year }"));
    assertThat(e.kind()).isEqualTo(ErrorKind.USER);
    assertThat(e.problems()).singleElement().asString()
        .startsWith("m.yaml:13:").contains("YAML syntax error");
  }

  @Test
  void anUnknownKeyListsTheKnownOnes() {
    ModelException e = problems(VALID.replace("expression: quantity * unit_price",
        "expresion: quantity * unit_price"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("m.yaml:19:5:")
        .contains("unknown key 'expresion' in metric 'revenue'; expected one of: aggregate, "
            + "description, expression, format, ratio, synonyms, table"));
  }

  @Test
  void aJoinToAMissingTableNamesTheTables() {
    ModelException e = problems(VALID.replace("products: { keys: { sku: sku } }",
        "product: { keys: { sku: sku } }"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("m.yaml:8:16:")
        .contains("joins to 'product', which is not a table of the model; tables are: products, "
            + "sales"));
  }

  @Test
  void aCycleInMetricDefinitionsIsShownWhole() {
    ModelException e = problems(VALID.replace("expression: revenue - cost",
        "expression: margin_pct - cost"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("m.yaml:")
        .contains("metrics are defined in a cycle: margin -> margin_pct -> margin"));
  }

  @Test
  void aPhraseNamingTwoMetricsIsRefused() {
    ModelException e = problems(VALID.replace("expression: quantity * products.unit_cost",
        "expression: quantity * products.unit_cost\n    synonyms: [Sales]"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("m.yaml:25:")
        .contains("'Sales' names both metric 'revenue' and metric 'cost'"));
  }

  @Test
  void theLanguageSectionNamesOnlyWhatTheModelDefines() {
    SemanticModel m = ModelLoader.parse(VALID + """
        language:
          verbs:
            sell: { how much: revenue }
        """, "m.yaml");
    assertThat(m.language().verbs()).containsEntry("sell", java.util.Map.of("how much",
        "revenue"));
    ModelException e = problems(VALID + """
        language:
          verbs:
            sell: { how much: turnover, how often: revenue }
          documents:
            emails: { words: [wrote] }
        """);
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("verb 'sell' names metric "
        + "'turnover' after 'how much', which the model does not define; the metrics are "
        + "revenue, cost, margin, margin_pct"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("how often"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(
        "'language.documents.emails' names no document source"));
  }

  @Test
  void aReferenceToAMissingMetricListsTheMetrics() {
    ModelException e = problems(VALID.replace("numerator: margin,", "numerator: margins,"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("m.yaml:28:25:")
        .contains("refers to 'margins', which is not a metric; metrics are: cost, margin, "
            + "margin_pct, revenue"));
  }

  @Test
  void aColumnReachedThroughAOneToManyJoinIsRefused() {
    ModelException e = problems(VALID.replace("products: { keys: { sku: sku } }",
        "products: { keys: { sku: sku }, relationship: one_to_many }"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("m.yaml:24:17:")
        .contains("refers to 'products.unit_cost', but table 'products' cannot be joined to "
            + "'sales' without repeating its rows"));
  }

  @Test
  void anExpressionThatIsNotSqlIsPlaced() {
    ModelException e = problems(VALID.replace("quantity * unit_price", "quantity * * unit_price"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("m.yaml:19:")
        .contains("the expression of metric 'revenue' is not valid SQL"));
  }

  @Test
  void theWarehouseMemoryLimitIsASizeOrAShare() {
    assertThat(ModelLoader.parse(VALID, "m.yaml").guardrails().warehouseMemoryLimit())
        .isEqualTo("25%");
    assertThat(ModelLoader.parse(VALID + "guardrails: { warehouse_memory_limit: 1.5GB }\n",
        "m.yaml").guardrails().warehouseMemoryLimit()).isEqualTo("1.5GB");
    for (String bad : List.of("lots", "0GB", "150%", "4 parsecs", "-1GB")) {
      ModelException e = problems(VALID + "guardrails: { warehouse_memory_limit: " + bad + " }\n");
      assertThat(e.problems()).as(bad).singleElement().asString().startsWith("m.yaml:29:39:")
          .contains("'warehouse_memory_limit' must be a size above 0 such as 4GB");
    }
  }

  @Test
  void grainsBelongToTimeDimensionsAndEnumsListTheirValues() {
    ModelException e = problems(VALID.replace("type: time, grains: [month, year]",
        "type: time, grains: [month, fortnight]").replace(
        "column: category, synonyms", "column: category, grains: [day], synonyms"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
        .contains("a grain of dimension 'order_date' 'fortnight' is not one of: day, week, "
            + "month, quarter, year"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ModelException e = problems(VALID.replace("numerator: margin,", "numerator: margins,")
        .replace("products: { keys: { sku: sku } }", "product: { keys: { sku: sku } }"));
    assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(e.getMessage()).startsWith("The semantic model m.yaml has ");
  }

  @Test
  void anUnknownColumnIsFoundAtConnect(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("shop.yaml");
    Files.writeString(file, VALID.replace("quantity * products.unit_cost",
        "quantity * products.unit_costs"));
    ModelException e = catchThrowableOfType(ModelException.class, () ->
        io.asklayer.engine.session.Session.open(config(file), TestEngine.DRIVER_WAREHOUSE.get()));
    assertThat(e.problems()).singleElement().asString().startsWith(file + ":24:17:")
        .contains("metric 'cost' names column 'unit_costs', which table 'products' does not "
            + "have; its columns are: brand, category, list_price, product_name, sku, "
            + "subcategory, supplier_id, unit_cost");
  }

  @Test
  void aMissingWarehouseTableIsFoundAtConnect(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("shop.yaml");
    Files.writeString(file, VALID.replace("table: product_master", "table: products_master"));
    ModelException e = catchThrowableOfType(ModelException.class, () ->
        io.asklayer.engine.session.Session.open(config(file), TestEngine.DRIVER_WAREHOUSE.get()));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(file + ":10:12:")
        .contains("reads warehouse table 'products_master', which does not exist; the "
            + "warehouse has: customers, employees"));
  }

  @Test
  void anExpressionTheCompilerCannotTranslateIsFoundAtConnect(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("shop.yaml");
    Files.writeString(file, VALID.replace("quantity * unit_price", "MEDIAN(quantity)"));
    ModelException e = catchThrowableOfType(ModelException.class, () ->
        io.asklayer.engine.session.Session.open(config(file), TestEngine.DRIVER_WAREHOUSE.get()));
    assertThat(e.problems()).singleElement().asString().startsWith(file + ":19:17:")
        .contains("metric 'revenue' does not compile: 'MEDIAN' is not supported in model "
            + "expressions");
  }

  private static SessionConfig config(Path model) {
    Properties p = new Properties();
    p.setProperty("user", "analyst");
    p.setProperty("model", model.toString());
    return SessionConfig.parse(p, LocalDate.of(2025, 12, 31));
  }

  @Test
  void anUnknownPrivilegeIsRefusedWhereItIsWritten() {
    ModelException e = problems(VALID + """
        security:
          principals:
            boss: { roles: [boss] }
          roles:
            boss:
              privileges: [refresh, drop]
        """);
    assertThat(e.problems()).singleElement().asString().startsWith("m.yaml:34:29:")
        .endsWith("role 'boss': privilege 'drop' is not one of: refresh");
  }

  @Test
  void privilegesMustBeAList() {
    ModelException e = problems(VALID + """
        security:
          principals:
            boss: { roles: [boss] }
          roles:
            boss: { privileges: refresh }
        """);
    assertThat(e.problems()).singleElement().asString().startsWith("m.yaml:33:25:")
        .contains("'privileges' of role 'boss' must be a list, for example privileges: [refresh]");
  }
}
