package io.asklayer.demo;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Generates the large tables (sales lines, returns, reviews) inside DuckDB, where it is fastest.
 * Every random choice is {@code u(key, salt)}: a hash of the row's key, a salt naming the choice
 * and the seed, so the result does not depend on thread scheduling.
 */
final class Facts {
  /** Share of order lines per number of lines in the order: 1, 2, 3, 4, 5. Mean 2.53. */
  private static final double MEAN_LINES_PER_ORDER = 2.53;

  private final DuckDBConnection connection;
  private final DemoOptions options;

  Facts(DuckDBConnection connection, DemoOptions options) {
    this.connection = connection;
    this.options = options;
  }

  /** Loads what the SQL below needs from Java: products with their weights, channel mix, phrases. */
  void prepare(List<Dimensions.Product> products) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE OR REPLACE TEMP MACRO u(k, salt) AS "
          + "CAST(hash(k, salt, " + options.seed() + ") % 4294967296 AS DOUBLE) / 4294967296.0");
      s.execute("CREATE TEMP TABLE gen_product (sku VARCHAR, product_name VARCHAR, "
          + "category VARCHAR, subcategory VARCHAR, list_price DOUBLE, popularity DOUBLE, "
          + "q4_boost DOUBLE, quality DOUBLE, return_rate DOUBLE, defect VARCHAR)");
      s.execute("CREATE TEMP TABLE gen_channel_mix (region_id INTEGER, channel VARCHAR, "
          + "share DOUBLE)");
      s.execute("CREATE TEMP TABLE gen_pool (pool VARCHAR, texts VARCHAR[])");
    }
    try (DuckDBAppender a = connection.createAppender("temp", "main", "gen_product")) {
      for (Dimensions.Product p : products) {
        String category = p.category().name();
        // Gifts peak in the fourth quarter more than everyday goods do.
        double q4 = switch (category) {
          case "Toys" -> 1.9;
          case "Electronics" -> 1.45;
          case "Beauty" -> p.subcategory().name().equals("Fragrance") ? 1.6 : 1.1;
          case "Apparel" -> p.subcategory().name().equals("Outerwear") ? 1.5 : 1.0;
          default -> 1.0;
        };
        double returnRate = p.defect() != null ? 0.27 : p.category().returnRate();
        a.beginRow().append(p.sku()).append(p.name()).append(category)
            .append(p.subcategory().name()).append(p.listPrice().doubleValue())
            .append(p.popularity()).append(q4).append(p.quality()).append(returnRate);
        if (p.defect() == null) {
          a.appendNull();
        } else {
          a.append(p.defect().name());
        }
        a.endRow();
      }
    }
    // Store share differs by region; online channels make up the rest.
    double[][] mix = {
        // Store, Shopify, Magento, Amazon
        {0.46, 0.18, 0.08, 0.28}, // North
        {0.52, 0.16, 0.07, 0.25}, // South
        {0.36, 0.24, 0.12, 0.28}, // East
        {0.30, 0.27, 0.10, 0.33}, // West
        {0.58, 0.12, 0.06, 0.24}, // Central
    };
    String[] channels = {"Store", "Shopify", "Magento", "Amazon"};
    try (DuckDBAppender a = connection.createAppender("temp", "main", "gen_channel_mix")) {
      for (int r = 0; r < mix.length; r++) {
        for (int c = 0; c < channels.length; c++) {
          a.beginRow().append(r + 1).append(channels[c]).append(mix[r][c]).endRow();
        }
      }
    }
    try (DuckDBAppender a = connection.createAppender("temp", "main", "gen_pool")) {
      for (Map.Entry<String, List<String>> e : Texts.REVIEW_POOLS.entrySet()) {
        a.beginRow().append(e.getKey()).append(e.getValue()).endRow();
      }
      for (DefectTheme t : DefectTheme.values()) {
        a.beginRow().append("title:" + t.name()).append(t.reviewTitles).endRow();
        a.beginRow().append("defect:" + t.name()).append(t.reviewSentences).endRow();
      }
    }
  }

  /** Builds the order lines into a temporary table and returns their number. */
  long buildLines() throws SQLException {
    long orders = Math.max(1, Math.round(options.targetLines() / MEAN_LINES_PER_ORDER));
    int customers = options.customers();
    try (Statement s = connection.createStatement()) {
      // Day weights: growth by year, a Q4 peak (Black Friday week above all), busier weekends.
      s.execute("""
          CREATE TEMP TABLE gen_calendar AS
          WITH d AS (
            SELECT CAST(t.d AS DATE) AS day
            FROM range(DATE '2023-01-01', DATE '2026-01-01', INTERVAL 1 DAY) t(d)),
          w AS (
            SELECT day,
              (CASE year(day) WHEN 2023 THEN 1.0 WHEN 2024 THEN 1.12 ELSE 1.23 END)
              * [0.84, 0.80, 0.90, 0.92, 0.96, 0.95, 0.97, 1.00, 0.94, 1.08, 1.42, 1.68][month(day)]
              * (CASE WHEN isodow(day) >= 6 THEN 1.18 ELSE 1.0 END)
              * (CASE WHEN month(day) = 11 AND day(day) BETWEEN 24 AND 30 THEN 1.6 ELSE 1.0 END)
              AS weight
            FROM d)
          SELECT day,
            (sum(weight) OVER (ORDER BY day) - weight) / sum(weight) OVER () AS lo
          FROM w""");
      s.execute("""
          CREATE TEMP TABLE gen_channel AS
          SELECT region_id, channel,
            sum(share) OVER (PARTITION BY region_id ORDER BY CASE channel
              WHEN 'Store' THEN 1 WHEN 'Shopify' THEN 2 WHEN 'Magento' THEN 3 ELSE 4 END) - share AS lo
          FROM gen_channel_mix""");
      s.execute("""
          CREATE TEMP TABLE gen_popularity AS
          WITH w AS (
            SELECT q4, sku, popularity * CASE WHEN q4 THEN q4_boost ELSE 1.0 END AS weight
            FROM gen_product, (VALUES (false), (true)) v(q4))
          SELECT q4, sku,
            (sum(weight) OVER (PARTITION BY q4 ORDER BY sku) - weight)
              / sum(weight) OVER (PARTITION BY q4) AS lo
          FROM w""");
      s.execute("""
          CREATE TEMP TABLE gen_order AS
          WITH o AS (
            SELECT i, u(i, 1) AS u_day, u(i, 2) AS u_customer, u(i, 3) AS u_channel,
              u(i, 4) AS u_store, u(i, 5) AS u_currency, u(i, 6) AS u_lines
            FROM range(%d) t(i)),
          dated AS (
            SELECT o.*, c.day AS order_date FROM o ASOF JOIN gen_calendar c ON o.u_day >= c.lo),
          customer AS (
            SELECT d.*, c.customer_id, c.region_id, c.segment
            FROM dated d JOIN customers c
              ON c.customer_id = 1 + CAST(floor(pow(d.u_customer, 1.3) * %d) AS INTEGER)),
          channel AS (
            SELECT c.*, m.channel
            FROM customer c ASOF JOIN gen_channel m
              ON c.region_id = m.region_id AND c.u_channel >= m.lo)
          SELECT row_number() OVER (ORDER BY order_date, i) AS order_num, order_date, region_id,
            CASE WHEN channel = 'Store'
              THEN (region_id - 1) * %d + 1 + CAST(floor(u_store * %d) AS INTEGER) END AS store_id,
            channel, customer_id, segment,
            CASE
              WHEN channel = 'Store' THEN 'USD'
              WHEN region_id = 1 AND u_currency < 0.20 THEN 'CAD'
              WHEN region_id = 3 AND u_currency < 0.12 THEN 'EUR'
              WHEN region_id = 3 AND u_currency < 0.19 THEN 'GBP'
              WHEN u_currency < 0.05 THEN 'EUR'
              WHEN u_currency < 0.08 THEN 'GBP'
              WHEN u_currency < 0.11 THEN 'CAD'
              ELSE 'USD' END AS currency,
            CASE WHEN u_lines < 0.30 THEN 1 WHEN u_lines < 0.55 THEN 2 WHEN u_lines < 0.74 THEN 3
              WHEN u_lines < 0.88 THEN 4 ELSE 5 END AS n_lines
          FROM channel""".formatted(orders, customers, Dimensions.STORES_PER_REGION,
          Dimensions.STORES_PER_REGION));
      s.execute("""
          CREATE TEMP TABLE gen_line AS
          WITH l AS (
            SELECT o.* EXCLUDE (n_lines), unnest(range(1, n_lines + 1)) AS line_number
            FROM gen_order o),
          k AS (
            SELECT l.*, order_num * 8 + line_number AS k, month(order_date) >= 10 AS q4 FROM l),
          p AS (
            SELECT k.*, g.sku FROM k ASOF JOIN gen_popularity g
              ON k.q4 = g.q4 AND u(k.k, 11) >= g.lo)
          SELECT p.*, printf('ORD-%08d', order_num) AS order_id, pr.list_price, pr.quality,
            pr.return_rate, pr.defect, pr.category, pr.product_name,
            CASE segment
              WHEN 'Consumer' THEN CASE WHEN u(k, 12) < 0.72 THEN 1 WHEN u(k, 12) < 0.92 THEN 2
                WHEN u(k, 12) < 0.98 THEN 3 ELSE 4 END
              WHEN 'Small Business' THEN 1 + CAST(floor(u(k, 12) * 5) AS INTEGER)
              ELSE 1 + CAST(floor(u(k, 12) * u(k, 12) * 12) AS INTEGER) END AS quantity,
            least(0.40, CASE channel
              WHEN 'Store' THEN CASE WHEN u(k, 13) < 0.65 THEN 0 WHEN u(k, 13) < 0.85 THEN 0.05
                WHEN u(k, 13) < 0.95 THEN 0.10 ELSE 0.20 END
              WHEN 'Shopify' THEN CASE WHEN u(k, 13) < 0.40 THEN 0 WHEN u(k, 13) < 0.70 THEN 0.05
                WHEN u(k, 13) < 0.90 THEN 0.10 ELSE 0.15 END
              WHEN 'Magento' THEN CASE WHEN u(k, 13) < 0.50 THEN 0 WHEN u(k, 13) < 0.80 THEN 0.10
                ELSE 0.20 END
              ELSE CASE WHEN u(k, 13) < 0.20 THEN 0.05 WHEN u(k, 13) < 0.50 THEN 0.10
                WHEN u(k, 13) < 0.80 THEN 0.15 WHEN u(k, 13) < 0.95 THEN 0.20 ELSE 0.25 END
            END
            + CASE WHEN month(order_date) = 11 AND day(order_date) >= 20 THEN 0.10
                WHEN month(order_date) = 12 THEN 0.05 ELSE 0 END
            + CASE WHEN segment = 'Corporate' THEN 0.05 ELSE 0 END) AS discount
          FROM p JOIN gen_product pr USING (sku)""");
      try (var rs = s.executeQuery("SELECT count(*) FROM gen_line")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Sales lines, in order id order; prices are list prices of the year in the line's currency. */
  long writeSales() throws SQLException {
    try (Statement s = connection.createStatement()) {
      // Discounts vary by channel, deepen around Black Friday and in December, and favour
      // corporate buyers; corporate buyers also buy in bulk.
      return s.executeUpdate("""
          INSERT INTO sales_transactions
          SELECT order_id, line_number, order_date,
            CAST(strftime(order_date, '%Y%m%d') AS INTEGER), region_id, store_id, channel,
            customer_id, sku, quantity,
            CAST(round(list_price * (1 + 0.035 * (year(order_date) - 2025)) / f.usd_per_unit, 2)
              AS DECIMAL(12,2)),
            CAST(discount AS DECIMAL(5,4)), l.currency
          FROM gen_line l
          JOIN fx_rates f ON f.currency = l.currency AND f.rate_date = l.order_date
          ORDER BY order_num, line_number""");
    }
  }

  /** Returns of sales lines: likelier online, for apparel, and above all for defect products. */
  long writeReturns() throws SQLException {
    try (Statement s = connection.createStatement()) {
      return s.executeUpdate("""
          INSERT INTO "returns"
          SELECT row_number() OVER (ORDER BY order_id, line_number), order_id, line_number, sku,
            return_date, quantity, reason
          FROM (
            SELECT l.order_id, l.line_number, l.sku,
              l.order_date + CAST(3 + floor(u(l.k, 21) * 38) AS INTEGER) AS return_date,
              1 + CAST(floor(u(l.k, 22) * l.quantity) AS INTEGER) AS quantity,
              CASE
                WHEN l.defect IS NOT NULL THEN CASE WHEN u(l.k, 23) < 0.72 THEN 'Defective'
                  WHEN u(l.k, 23) < 0.82 THEN 'Not as described'
                  WHEN u(l.k, 23) < 0.90 THEN 'Damaged in transit' ELSE 'Changed mind' END
                WHEN l.category = 'Apparel' THEN CASE WHEN u(l.k, 23) < 0.42 THEN 'Wrong size'
                  WHEN u(l.k, 23) < 0.62 THEN 'Not as described'
                  WHEN u(l.k, 23) < 0.82 THEN 'Changed mind'
                  WHEN u(l.k, 23) < 0.92 THEN 'Damaged in transit' ELSE 'Defective' END
                ELSE CASE WHEN u(l.k, 23) < 0.30 THEN 'Changed mind'
                  WHEN u(l.k, 23) < 0.52 THEN 'Defective'
                  WHEN u(l.k, 23) < 0.74 THEN 'Not as described'
                  WHEN u(l.k, 23) < 0.96 THEN 'Damaged in transit' ELSE 'Wrong size' END
              END AS reason
            FROM gen_line l
            WHERE u(l.k, 20) < l.return_rate * CASE WHEN l.channel = 'Store' THEN 0.8 ELSE 1.2 END)
          WHERE return_date <= DATE '2025-12-31'
          ORDER BY 1""");
    }
  }

  /** Reviews by the customers who bought; defect products draw more, lower-rated reviews. */
  long writeReviews() throws SQLException {
    try (Statement s = connection.createStatement()) {
      return s.executeUpdate("""
          INSERT INTO product_reviews
          WITH r AS (
            SELECT l.k, l.order_num, l.line_number, l.sku, l.customer_id, l.defect, l.product_name,
              l.order_date + CAST(5 + floor(u(l.k, 31) * 56) AS INTEGER) AS review_date,
              u(l.k, 32) + CASE WHEN l.defect IS NULL THEN l.quality ELSE 0 END AS u_rating
            FROM gen_line l
            WHERE u(l.k, 30) < CASE WHEN l.defect IS NULL THEN 0.012 ELSE 0.07 END),
          rated AS (
            SELECT r.*,
              CASE WHEN defect IS NOT NULL THEN CASE WHEN u_rating < 0.45 THEN 1
                  WHEN u_rating < 0.75 THEN 2 WHEN u_rating < 0.88 THEN 3 WHEN u_rating < 0.96 THEN 4
                  ELSE 5 END
                ELSE CASE WHEN u_rating < 0.05 THEN 1 WHEN u_rating < 0.11 THEN 2
                  WHEN u_rating < 0.23 THEN 3 WHEN u_rating < 0.55 THEN 4 ELSE 5 END
              END AS rating
            FROM r WHERE review_date <= DATE '2025-12-31'),
          pooled AS (
            SELECT rated.*,
              CASE WHEN rating <= 2 THEN 'negative' WHEN rating = 3 THEN 'neutral'
                ELSE 'positive' END AS band,
              defect IS NOT NULL AND rating <= 3 AS about_defect
            FROM rated),
          texts AS (
            SELECT p.*,
              CASE WHEN about_defect THEN 'title:' || defect ELSE 'title:' || band END AS title_pool,
              CASE WHEN about_defect THEN 'defect:' || defect ELSE 'detail:' || band END AS detail_pool,
              CASE WHEN about_defect THEN 'negative' ELSE band END AS tone
            FROM pooled p)
          SELECT row_number() OVER (ORDER BY order_num, line_number) AS review_id, t.sku,
            t.customer_id, t.review_date, t.rating,
            tp.texts[1 + CAST(hash(t.k, 41) % len(tp.texts) AS INTEGER)] AS title,
            replace(op.texts[1 + CAST(hash(t.k, 42) % len(op.texts) AS INTEGER)], '{product}',
                t.product_name)
              || ' ' || dp.texts[1 + CAST(hash(t.k, 43) % len(dp.texts) AS INTEGER)]
              || CASE WHEN t.about_defect THEN ' ' || dp.texts[1 + CAST((hash(t.k, 43) % len(dp.texts)
                  + 1 + hash(t.k, 44) % (len(dp.texts) - 1)) % len(dp.texts) AS INTEGER)] ELSE '' END
              || ' ' || cp.texts[1 + CAST(hash(t.k, 45) % len(cp.texts) AS INTEGER)] AS body
          FROM texts t
          JOIN gen_pool tp ON tp.pool = t.title_pool
          JOIN gen_pool op ON op.pool = 'open:' || t.tone
          JOIN gen_pool dp ON dp.pool = t.detail_pool
          JOIN gen_pool cp ON cp.pool = 'close:' || t.tone
          ORDER BY review_id""");
    }
  }
}
