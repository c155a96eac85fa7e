package io.asklayer.engine.session;

import io.asklayer.engine.ask.Interpretation;
import io.asklayer.engine.semantic.MetricQueryMacro;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
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
 * {@code ask('question')}: the question read by the session, answered with numbers (its metric
 * query, compiled like {@code metric_query}), with documents (the evidence and its theme), or both
 * (each evidence row carrying the totals asked for).
 */
final class AskMacro implements TableMacro {
  private final Session session;
  private final MetricQueryMacro metrics;

  AskMacro(Session session, MetricQueryMacro metrics) {
    this.session = session;
    this.metrics = metrics;
  }

  @Override public List<FunctionParameter> getParameters() {
    return List.of(new FunctionParameter() {
      @Override public int getOrdinal() {
        return 0;
      }

      @Override public String getName() {
        return "question";
      }

      @Override public RelDataType getType(RelDataTypeFactory typeFactory) {
        return typeFactory instanceof JavaTypeFactory j ? j.createType(String.class)
            : typeFactory.createSqlType(SqlTypeName.VARCHAR);
      }

      @Override public boolean isOptional() {
        return false;
      }
    });
  }

  @Override public TranslatableTable apply(List<?> arguments) {
    Object question = Macros.value(arguments.get(0));
    if (!(question instanceof String q)) {
      throw new io.asklayer.engine.error.AsklayerException(
          io.asklayer.engine.error.ErrorKind.USER, "ask() takes the question as a string "
          + "literal, not an expression.");
    }
    Interpretation i = session.interpret(q);
    session.warn(i.warnings());
    if (i.documents() == null) {
      return metrics.table(i.query());
    }
    // The evidence is searched now; the plan holds it, so it must not be kept.
    PlanCache.doNotKeep();
    RowsTable evidence = DocumentAnswers.rows(DocumentAnswers.answer(session, i.documents()));
    return i.query() == null ? evidence : new Both(evidence, metrics.table(i.query()));
  }

  /** Evidence rows, each with the question's totals beside it. */
  private static final class Both extends AbstractTable implements TranslatableTable {
    private final TranslatableTable evidence;
    private final TranslatableTable numbers;

    Both(TranslatableTable evidence, TranslatableTable numbers) {
      this.evidence = evidence;
      this.numbers = numbers;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder b = typeFactory.builder();
      b.addAll(evidence.getRowType(typeFactory).getFieldList());
      b.addAll(numbers.getRowType(typeFactory).getFieldList());
      return b.build();
    }

    @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
      RelBuilder b = RelFactories.LOGICAL_BUILDER.create(context.getCluster(), null);
      b.push(evidence.toRel(context, table));
      b.push(numbers.toRel(context, table));
      return b.join(JoinRelType.INNER, b.literal(true)).build();
    }
  }
}
