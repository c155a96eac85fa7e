package io.asklayer.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes the small tables (regions, stores, suppliers, products, customers, employees, FX rates,
 * policies, supplier emails) from Java with a seeded random generator, through DuckDB's appender.
 */
final class Dimensions {
  static final int PRODUCTS = 300;
  static final int FIRST_SKU = 100;
  static final int STORES_PER_REGION = 8;
  static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 1);
  static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);

  /** A generated product, with what the fact tables need to know about it. */
  record Product(String sku, String name, Catalog.Category category, Catalog.Subcategory subcategory,
      String brand, int supplierId, BigDecimal unitCost, BigDecimal listPrice, double popularity,
      double quality, DefectTheme defect) {
  }

  private final DuckDBConnection connection;
  private final DemoOptions options;
  private final Random random;
  private final List<Product> products = new ArrayList<>();

  Dimensions(DuckDBConnection connection, DemoOptions options) {
    this.connection = connection;
    this.options = options;
    // java.util.Random's sequence is specified by the JDK, so a seed means the same data everywhere.
    this.random = new Random(options.seed());
  }

  List<Product> products() {
    return products;
  }

  long writeRegions() throws SQLException {
    try (DuckDBAppender a = connection.createAppender("main", "regions")) {
      for (Catalog.Region r : Catalog.REGIONS) {
        a.beginRow().append(r.id()).append(r.name()).endRow();
      }
    }
    return Catalog.REGIONS.size();
  }

  long writeStores() throws SQLException {
    int id = 1;
    try (DuckDBAppender a = connection.createAppender("main", "stores")) {
      for (Catalog.Region r : Catalog.REGIONS) {
        // Store ids are contiguous per region: the fact generator picks a region's store by offset.
        for (String city : r.cities().subList(0, STORES_PER_REGION)) {
          String suffix = pick(Catalog.STORE_SUFFIXES);
          LocalDate opened = LocalDate.of(2008, 1, 1).plusDays(random.nextInt(15 * 365));
          a.beginRow().append(id++).append(city + " " + suffix).append(r.id()).append(city)
              .append(opened).endRow();
        }
      }
    }
    return id - 1;
  }

  long writeSuppliers() throws SQLException {
    try (DuckDBAppender a = connection.createAppender("main", "suppliers")) {
      int id = 1;
      for (Catalog.Supplier s : Catalog.SUPPLIERS) {
        a.beginRow().append(id++).append(s.name()).append(s.country()).endRow();
      }
    }
    return Catalog.SUPPLIERS.size();
  }

  long writeProducts() throws SQLException {
    List<Product> drafts = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int perCategory = PRODUCTS / Catalog.CATEGORIES.size();
    for (Catalog.Category c : Catalog.CATEGORIES) {
      List<Integer> suppliers = suppliersOf(c.name());
      List<Catalog.Subcategory> subs = c.subcategories();
      for (int i = 0; i < perCategory; i++) {
        Catalog.Subcategory sub = subs.get(i % subs.size());
        DefectTheme defect = null;
        String noun = pick(sub.nouns());
        for (DefectTheme t : DefectTheme.values()) {
          // The first product of the defect's subcategory carries the defect, named after its noun.
          if (t.category.equals(c.name()) && sub.nouns().contains(t.noun) && i < subs.size()) {
            defect = t;
            noun = t.noun;
          }
        }
        int brandIndex = random.nextInt(c.brands().size());
        String brand = c.brands().get(brandIndex);
        String name = brand + " " + pick(Catalog.DESCRIPTORS) + " " + noun;
        while (!names.add(name)) {
          name = brand + " " + pick(Catalog.DESCRIPTORS) + " " + noun + " "
              + pick(Catalog.MODEL_SUFFIXES);
        }
        double price = sub.minPrice() + random.nextDouble() * (sub.maxPrice() - sub.minPrice());
        BigDecimal listPrice = BigDecimal.valueOf(Math.floor(price) + 0.99)
            .setScale(2, RoundingMode.HALF_UP);
        double costRatio = c.costRatio() * (0.85 + 0.3 * random.nextDouble());
        BigDecimal unitCost = listPrice.multiply(BigDecimal.valueOf(costRatio))
            .setScale(2, RoundingMode.HALF_UP);
        int supplierId = suppliers.get((brandIndex + (random.nextInt(4) == 0 ? 1 : 0))
            % suppliers.size());
        drafts.add(new Product(null, name, c, sub, brand, supplierId, unitCost, listPrice, 0,
            (random.nextDouble() - 0.5) * 0.16, defect));
      }
    }
    // Popularity follows a Zipf-like curve over a shuffled order; defect products are kept popular
    // enough that their returns and reviews show at every scale.
    Collections.shuffle(drafts, random);
    try (DuckDBAppender a = connection.createAppender("main", "product_master")) {
      for (int i = 0; i < drafts.size(); i++) {
        Product d = drafts.get(i);
        int rank = d.defect() != null ? Math.min(i, 15 + random.nextInt(20)) : i;
        double popularity = 1.0 / Math.pow(rank + 4, 0.85);
        Product p = new Product("SKU-" + (FIRST_SKU + i), d.name(), d.category(), d.subcategory(),
            d.brand(), d.supplierId(), d.unitCost(), d.listPrice(), popularity, d.quality(),
            d.defect());
        products.add(p);
        a.beginRow().append(p.sku()).append(p.name()).append(p.category().name())
            .append(p.subcategory().name()).append(p.brand()).append(p.supplierId())
            .append(p.unitCost()).append(p.listPrice()).endRow();
      }
    }
    return products.size();
  }

  private static List<Integer> suppliersOf(String category) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < Catalog.SUPPLIERS.size(); i++) {
      if (Catalog.SUPPLIERS.get(i).category().equals(category)) {
        ids.add(i + 1);
      }
    }
    return ids;
  }

  long writeCustomers() throws SQLException {
    int n = options.customers();
    try (DuckDBAppender a = connection.createAppender("main", "customers")) {
      for (int id = 1; id <= n; id++) {
        String first = pick(Catalog.FIRST_NAMES);
        String last = pick(Catalog.LAST_NAMES);
        double s = random.nextDouble();
        String segment = s < 0.70 ? "Consumer" : s < 0.88 ? "Corporate" : "Small Business";
        int region = pickRegion(random.nextDouble());
        LocalDate signup = LocalDate.of(2018, 1, 1).plusDays(random.nextInt(5 * 365));
        String email = (first + "." + last + id).toLowerCase(Locale.ROOT) + "@example.com";
        a.beginRow().append(id).append(first + " " + last).append(email).append(segment)
            .append(region).append(signup).endRow();
      }
    }
    return n;
  }

  private static int pickRegion(double u) {
    double cumulative = 0;
    for (Catalog.Region r : Catalog.REGIONS) {
      cumulative += r.customerShare();
      if (u < cumulative) {
        return r.id();
      }
    }
    return Catalog.REGIONS.get(Catalog.REGIONS.size() - 1).id();
  }

  long writeEmployees() throws SQLException {
    int id = 1;
    try (DuckDBAppender a = connection.createAppender("main", "employees")) {
      for (Catalog.Region r : Catalog.REGIONS) {
        for (Catalog.Job job : Catalog.JOBS) {
          for (int i = 0; i < job.perRegion(); i++) {
            double salary = job.minSalary() + random.nextDouble() * (job.maxSalary() - job.minSalary());
            a.beginRow().append(id++)
                .append(pick(Catalog.FIRST_NAMES) + " " + pick(Catalog.LAST_NAMES)).append(r.id())
                .append(job.title())
                .append(BigDecimal.valueOf(Math.round(salary / 100) * 100L).setScale(2))
                .endRow();
          }
        }
      }
    }
    return id - 1;
  }

  /** Daily FX rates as a mean-reverting random walk per currency; USD is always 1. */
  long writeFxRates() throws SQLException {
    String[] currencies = {"USD", "EUR", "GBP", "CAD"};
    double[] base = {1.0, 1.08, 1.26, 0.74};
    long rows = 0;
    try (DuckDBAppender a = connection.createAppender("main", "fx_rates")) {
      for (int c = 0; c < currencies.length; c++) {
        double rate = base[c];
        for (LocalDate d = FIRST_DAY; !d.isAfter(LAST_DAY); d = d.plusDays(1)) {
          if (c > 0) {
            rate = rate * (1 + random.nextGaussian() * 0.0045) + (base[c] - rate) * 0.01;
          }
          a.beginRow().append(currencies[c]).append(d)
              .append(BigDecimal.valueOf(rate).setScale(6, RoundingMode.HALF_UP)).endRow();
          rows++;
        }
      }
    }
    return rows;
  }

  long writePolicies() throws SQLException {
    int id = 1;
    try (DuckDBAppender a = connection.createAppender("main", "policy_documents")) {
      for (Texts.Policy p : Texts.POLICIES) {
        a.beginRow().append(id++).append(p.title()).append(p.body());
        if (p.regionId() == null) {
          a.appendNull();
        } else {
          a.append(p.regionId().intValue());
        }
        a.append(LocalDate.parse(p.effectiveDate())).endRow();
      }
    }
    return id - 1;
  }

  /** Routine emails from every supplier, and the emails about each planted defect. */
  long writeSupplierEmails() throws SQLException {
    record Email(LocalDate sent, int supplierId, String subject, String body) {
    }
    List<Email> emails = new ArrayList<>();
    int days = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay()) + 1;
    for (int s = 0; s < Catalog.SUPPLIERS.size(); s++) {
      Catalog.Supplier supplier = Catalog.SUPPLIERS.get(s);
      List<String> brands = brandsOf(s + 1);
      for (int i = 0; i < 14; i++) {
        String[] t = pick(Texts.ROUTINE_EMAILS);
        String po = "PO-" + (40_000 + random.nextInt(60_000));
        String brand = brands.isEmpty() ? "our" : pick(brands);
        emails.add(new Email(FIRST_DAY.plusDays(random.nextInt(days)), s + 1,
            fill(t[0], supplier, brand, po), fill(t[1], supplier, brand, po)));
      }
    }
    for (Product p : products) {
      if (p.defect() == null) {
        continue;
      }
      LocalDate first = LocalDate.of(2024, 3, 1).plusDays(random.nextInt(200));
      int step = 0;
      for (String[] e : p.defect().supplierEmails(p.sku(), p.name())) {
        emails.add(new Email(first.plusDays(step), p.supplierId(), e[0], e[1]));
        step += 9 + random.nextInt(20);
      }
    }
    emails.sort((x, y) -> x.sent().compareTo(y.sent()));
    int id = 1;
    try (DuckDBAppender a = connection.createAppender("main", "supplier_emails")) {
      for (Email e : emails) {
        a.beginRow().append(id++).append(e.supplierId()).append(e.sent()).append(e.subject())
            .append(e.body()).endRow();
      }
    }
    return emails.size();
  }

  private List<String> brandsOf(int supplierId) {
    List<String> brands = new ArrayList<>();
    for (Product p : products) {
      if (p.supplierId() == supplierId && !brands.contains(p.brand())) {
        brands.add(p.brand());
      }
    }
    Collections.sort(brands);
    return brands;
  }

  private static String fill(String template, Catalog.Supplier supplier, String brand, String po) {
    return template.replace("{supplier}", supplier.name()).replace("{brand}", brand)
        .replace("{po}", po).replace("{country}", supplier.country());
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
