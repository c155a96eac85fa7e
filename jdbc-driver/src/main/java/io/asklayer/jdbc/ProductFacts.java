package io.asklayer.jdbc;

import io.asklayer.engine.session.EmbeddedDriver;
import java.sql.Connection;
import java.util.Map;

/**
 * What {@link java.sql.DatabaseMetaData} says about Asklayer itself, the same embedded and over
 * the network, where Avatica's defaults describe Calcite or Avatica's client instead: always
 * read-only, read-only transactions at READ COMMITTED, one catalog that names are never qualified
 * with, schemas that tables live in, identifiers matched regardless of case (quoted ones too) and
 * kept as written, result sets no one changes, and the version numbers of this build.
 */
final class ProductFacts {
  private static final Map<String, Object> FACTS = Map.ofEntries(
      Map.entry("isReadOnly", true),
      Map.entry("getDriverName", "Asklayer JDBC Driver"),
      Map.entry("getDriverVersion", EmbeddedDriver.version()),
      // Over the network Avatica's client gave its own numbers (0.0 where embedded said 0.1).
      Map.entry("getDriverMajorVersion", versionPart(0)),
      Map.entry("getDriverMinorVersion", versionPart(1)),
      Map.entry("getDatabaseMajorVersion", versionPart(0)),
      Map.entry("getDatabaseMinorVersion", versionPart(1)),
      Map.entry("supportsTransactions", true),
      Map.entry("getDefaultTransactionIsolation", Connection.TRANSACTION_READ_COMMITTED),
      Map.entry("supportsDataDefinitionAndDataManipulationTransactions", false),
      Map.entry("supportsDataManipulationTransactionsOnly", false),
      Map.entry("supportsCatalogsInDataManipulation", false),
      Map.entry("supportsCatalogsInTableDefinitions", false),
      Map.entry("supportsCatalogsInIndexDefinitions", false),
      Map.entry("supportsCatalogsInPrivilegeDefinitions", false),
      Map.entry("supportsCatalogsInProcedureCalls", false),
      Map.entry("supportsSchemasInDataManipulation", true),
      // Metadata tools take this as "tables live in schemas" (SchemaCrawler crawled every table
      // into one nameless schema, the warehouse's returns and the semantic view returns merged
      // into one); a table definition itself is refused, as every change is.
      Map.entry("supportsSchemasInTableDefinitions", true),
      Map.entry("supportsSchemasInIndexDefinitions", false),
      Map.entry("supportsSchemasInPrivilegeDefinitions", false),
      Map.entry("supportsSchemasInProcedureCalls", false),
      Map.entry("getCatalogTerm", "catalog"),
      Map.entry("getSchemaTerm", "schema"),
      Map.entry("getProcedureTerm", "procedure"),
      Map.entry("getSearchStringEscape", "\\"),
      Map.entry("getIdentifierQuoteString", "\""),
      Map.entry("supportsMixedCaseIdentifiers", false),
      Map.entry("storesMixedCaseIdentifiers", true),
      Map.entry("storesLowerCaseIdentifiers", false),
      Map.entry("storesUpperCaseIdentifiers", false),
      Map.entry("supportsMixedCaseQuotedIdentifiers", false),
      Map.entry("storesMixedCaseQuotedIdentifiers", true),
      Map.entry("storesLowerCaseQuotedIdentifiers", false),
      Map.entry("storesUpperCaseQuotedIdentifiers", false),
      Map.entry("supportsStoredProcedures", false),
      Map.entry("supportsBatchUpdates", false),
      Map.entry("supportsSelectForUpdate", false),
      Map.entry("supportsPositionedDelete", false),
      Map.entry("supportsPositionedUpdate", false),
      Map.entry("supportsGetGeneratedKeys", false),
      Map.entry("allTablesAreSelectable", true),
      Map.entry("usesLocalFiles", false),
      Map.entry("usesLocalFilePerTable", false));

  /**
   * Whether a result set of some type sees changes, its own or others': never, as nothing changes
   * one. Avatica answered these (and supportsResultSetHoldability) with an internal error ("todo:
   * implement this method"), which SchemaCrawler logged for each while reading the database's
   * properties.
   */
  private static final java.util.Set<String> CHANGE_VISIBILITY = java.util.Set.of(
      "ownUpdatesAreVisible", "ownDeletesAreVisible", "ownInsertsAreVisible",
      "othersUpdatesAreVisible", "othersDeletesAreVisible", "othersInsertsAreVisible",
      "updatesAreDetected", "deletesAreDetected", "insertsAreDetected");

  private ProductFacts() {
  }

  /** Part {@code i} (0 major, 1 minor) of this build's version, 0 where it has none. */
  static int versionPart(int i) {
    String[] parts = EmbeddedDriver.version().split("[.-]");
    try {
      return i < parts.length ? Integer.parseInt(parts[i]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The answer to a call, or null to let the connection answer. */
  static Object answer(String method, Object[] args) {
    int arity = args == null ? 0 : args.length;
    if (arity == 0) {
      return FACTS.get(method);
    }
    if (arity == 1 && method.equals("supportsTransactionIsolationLevel")) {
      return args[0] instanceof Integer level && level == Connection.TRANSACTION_READ_COMMITTED;
    }
    if (arity == 1 && CHANGE_VISIBILITY.contains(method)) {
      return false;
    }
    if (arity == 1 && method.equals("supportsResultSetHoldability")) {
      // commit() ends nothing, so result sets stay open across it (getResultSetHoldability).
      return args[0] instanceof Integer h && h == java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }
    return null;
  }
}
