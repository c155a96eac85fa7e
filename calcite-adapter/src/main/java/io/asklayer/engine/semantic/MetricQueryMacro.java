package io.asklayer.engine.semantic;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptSchema;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;

/**
 * A table function of one text argument that stands for a metric query, compiled where the
 * statement is planned: {@code metric_query('metrics: revenue | by: region')} for the text form,
 * and the same mechanism carries {@code ask('...')}. The plan is built with the statement's own
 * cluster and catalog, so it takes the ordinary path: security, pushdown, execution.
 */
public final class MetricQueryMacro implements TableMacro {
  private final String parameterName;
  private final Function<String, MetricQuery> interpreter;
  private final SemanticCatalog catalog;
  private final Supplier<RelBuilder> builders;
  private final Function<RelDataTypeFactory, RelOptSchema> catalogs;

  /**
   * Creates the function.
   *
   * @param interpreter turns the argument into a metric query (or fails with a user error)
   * @param builders RelBuilders for working out the result's row type before planning
   * @param catalogs the session's tables, seen through a statement's type factory (a table
   *     function's own table has no catalog to scan others through)
   */
  public MetricQueryMacro(String parameterName, Function<String, MetricQuery> interpreter,
      SemanticCatalog catalog, Supplier<RelBuilder> builders,
      Function<RelDataTypeFactory, RelOptSchema> catalogs) {
    this.parameterName = parameterName;
    this.interpreter = interpreter;
    this.catalog = catalog;
    this.builders = builders;
    this.catalogs = catalogs;
  }

  @Override public List<FunctionParameter> getParameters() {
    return List.of(new FunctionParameter() {
      @Override public int getOrdinal() {
        return 0;
      }

      @Override public String getName() {
        return parameterName;
      }

      @Override public RelDataType getType(RelDataTypeFactory typeFactory) {
        // A Java type, so Calcite hands the literal over as a String.
        return typeFactory instanceof JavaTypeFactory j ? j.createType(String.class)
            : typeFactory.createSqlType(SqlTypeName.VARCHAR);
      }

      @Override public boolean isOptional() {
        return false;
      }
    });
  }

  @Override public TranslatableTable apply(List<?> arguments) {
    Object arg = arguments.get(0);
    Object text = arg instanceof org.apache.calcite.util.NlsString n ? n.getValue() : arg;
    if (!(text instanceof String s)) {
      throw new io.asklayer.engine.error.AsklayerException(
          io.asklayer.engine.error.ErrorKind.USER, "The argument of this function must be a "
          + "string literal, not an expression.");
    }
    return table(interpreter.apply(s));
  }

  /** The answer to a metric query, as a table the statement plans in its own cluster. */
  public TranslatableTable table(MetricQuery query) {
    RelDataType rowType = catalog.compiler().compile(builders.get(), query, catalog).getRowType();
    return new Compiled(query, rowType);
  }

  /** The answer to one metric query: its row type, and its plan in the caller's cluster. */
  private final class Compiled extends AbstractTable implements TranslatableTable {
    private final MetricQuery query;
    private final RelDataType rowType;

    Compiled(MetricQuery query, RelDataType rowType) {
      this.query = query;
      this.rowType = rowType;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return typeFactory.copyType(rowType);
    }

    @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      RelBuilder b = RelFactories.LOGICAL_BUILDER.create(context.getCluster(),
          catalogs.apply(context.getCluster().getTypeFactory()));
      return catalog.compiler().compile(b, query, catalog);
    }
  }
}
