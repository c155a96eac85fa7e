package io.asklayer.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bundled demo model loads and defines the metrics and dimensions of DESIGN section 4. */
class DemoModelTest {
  private final SemanticModel model = ModelLoader.loadDemo();

  @Test
  void definesEveryDesignMetric() {
    assertThat(model.metrics().keySet()).containsExactlyInAnyOrder("revenue", "units_sold",
        "order_count", "average_order_value", "cogs", "gross_margin", "gross_margin_pct",
        "discount_amount", "customer_count", "returned_units", "return_rate", "average_rating");
    Metric revenue = model.metrics().get("revenue");
    assertThat(revenue.aggregation()).isEqualTo(Metric.Aggregation.SUM);
    assertThat(revenue.expression())
        .isEqualTo("quantity * unit_price * (1 - discount) * fx.usd_per_unit");
    assertThat(revenue.synonyms()).contains("sales", "net sales", "turnover");
    assertThat(model.metrics().get("gross_margin").synonyms())
        .contains("margin", "gross profit", "profit");
    assertThat(model.metrics().get("gross_margin_pct").kind()).isEqualTo(Metric.Kind.RATIO);
  }

  @Test
  void offersTheDesignDimensions() {
    assertThat(model.dimensions().keySet()).contains("order_date", "region", "store", "city",
        "channel", "category", "subcategory", "brand", "product", "sku", "supplier",
        "supplier_country", "customer_segment", "currency", "return_reason", "review_rating");
    assertThat(model.dimensions().get("order_date").grains()).containsExactly(TimeGrain.DAY,
        TimeGrain.WEEK, TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR);
  }

  @Test
  void hasAFingerprintThatFollowsTheText() {
    assertThat(model.fingerprint()).hasSize(16);
    assertThat(ModelLoader.loadDemo().fingerprint()).isEqualTo(model.fingerprint());
  }
}
