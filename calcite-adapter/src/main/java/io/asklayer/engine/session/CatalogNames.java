package io.asklayer.engine.session;

import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Names qualified with the connection's catalog, as Tableau and SchemaCrawler write them whatever
 * {@code supportsCatalogsInDataManipulation} says: {@code "retail"."retail"."regions"} is the table
 * {@code "retail"."regions"}. A name loses its first part when it has at least three, the first is
 * the catalog (in any case) and the second one of the connection's schemas; no other name changes
 * ({@code retail.regions.region_id} stays schema, table, column).
 */
final class CatalogNames extends SqlShuttle {
  private final String catalog;
  private final Set<String> schemas;

  private CatalogNames(String catalog, Set<String> schemas) {
    this.catalog = catalog;
    this.schemas = schemas;
  }

  /** The statement with its catalog-qualified names unqualified; the same tree if it has none. */
  static SqlNode unqualify(SqlNode node, String catalog, Set<String> schemas) {
    if (catalog == null || node == null) {
      return node;
    }
    Set<String> lower = new java.util.HashSet<>();
    schemas.forEach(s -> lower.add(s.toLowerCase(Locale.ROOT)));
    SqlNode result = node.accept(new CatalogNames(catalog, lower));
    return result == null ? node : result;
  }

  @Override public SqlNode visit(SqlIdentifier id) {
    if (id.names.size() >= 3 && id.names.get(0).equalsIgnoreCase(catalog)
        && schemas.contains(id.names.get(1).toLowerCase(Locale.ROOT))) {
      return id.getComponent(1, id.names.size());
    }
    return id;
  }
}
