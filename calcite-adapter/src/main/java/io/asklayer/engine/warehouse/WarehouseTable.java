package io.asklayer.engine.warehouse;

import java.util.List;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A warehouse table as queries see it: its row type resolved once when the warehouse was opened, a
 * scan that pushes down through Calcite's JDBC adapter, and no way to modify it. Calcite's
 * {@link JdbcTable} is modifiable and would push a DELETE down; this wrapper unwraps to it only where
 * SQL generation needs its name.
 */
public final class WarehouseTable extends AbstractTable implements TranslatableTable {
  private final String name;
  private final JdbcTable jdbcTable;
  private final RelProtoDataType rowType;
  private final Statistic statistic;
  private final long rowCount;
  private final JdbcConvention convention;

  WarehouseTable(String name, JdbcTable jdbcTable, JdbcConvention convention,
      RelProtoDataType rowType, long rowCount, List<ImmutableBitSet> keys) {
    this.name = name;
    this.convention = convention;
    this.jdbcTable = jdbcTable;
    this.rowType = rowType;
    this.statistic = Statistics.of(rowCount, keys);
    this.rowCount = rowCount;
  }

  /** The calling convention all of this warehouse's tables share. */
  public JdbcConvention convention() {
    return convention;
  }

  /** Rows in the table when the warehouse was opened (exact for DuckDB, an estimate elsewhere). */
  public long rowCount() {
    return rowCount;
  }

  /** The table's name in the warehouse. */
  public String name() {
    return name;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return rowType.apply(typeFactory);
  }

  @Override public Statistic getStatistic() {
    return statistic;
  }

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.TABLE;
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return jdbcTable.toRel(context, relOptTable);
  }

  @Override public <C> C unwrap(Class<C> aClass) {
    if (aClass.isInstance(this)) {
      return aClass.cast(this);
    }
    // Only what SQL generation and execution need; never ModifiableTable or ScannableTable.
    if (aClass == JdbcTable.class) {
      return aClass.cast(jdbcTable);
    }
    if (aClass == DataSource.class || aClass == SqlDialect.class) {
      return jdbcTable.unwrap(aClass);
    }
    return null;
  }

  @Override public String toString() {
    return "WarehouseTable {" + name + "}";
  }
}
