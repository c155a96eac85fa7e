package io.asklayer.engine.warehouse;

import java.util.Map;
import javax.sql.DataSource;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.Wrapper;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The schema a session's queries see the warehouse through: a fixed map of tables, so planning never
 * goes back to the warehouse for metadata. Unwraps to the warehouse's {@link DataSource} for the
 * code Calcite generates to run pushed-down SQL.
 */
public final class WarehouseSchema extends AbstractSchema implements Wrapper {
  private final Warehouse warehouse;
  private final Map<String, Table> tables;

  public WarehouseSchema(Warehouse warehouse, Map<String, Table> tables) {
    this.warehouse = warehouse;
    // In name order, as DatabaseMetaData.getTables is specified to list them.
    this.tables = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tables));
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }

  @Override public <T> T unwrap(Class<T> aClass) {
    if (aClass.isInstance(this)) {
      return aClass.cast(this);
    }
    if (aClass == DataSource.class) {
      return aClass.cast(warehouse.dataSource());
    }
    return null;
  }
}
