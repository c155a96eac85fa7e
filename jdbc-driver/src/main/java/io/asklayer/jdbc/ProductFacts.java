package io.asklayer.jdbc;

import io.asklayer.engine.session.EmbeddedDriver;
import java.sql.Connection;
import java.util.Map;

/**
 * What {@link java.sql.DatabaseMetaData} says about Asklayer itself, the same embedded and over
 * the network, where Avatica's defaults describe Calcite or Avatica's client instead: always
 * read-only, read-only transactions at READ COMMITTED, one catalog that names are never qualified
 * with, identifiers matched regardless of case (quoted ones too) and kept as written.
 */
final class ProductFacts {
  private static final Map<String, Object> FACTS = Map.ofEntries(
      Map.entry("isReadOnly", true),
      Map.entry("getDriverName", "Asklayer JDBC Driver"),
      Map.entry("getDriverVersion", EmbeddedDriver.version()),
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
      Map.entry("supportsSchemasInTableDefinitions", false),
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

  private ProductFacts() {
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
    return null;
  }
}
