package io.asklayer.engine.semantic;

import io.asklayer.engine.model.Dimension;
import io.asklayer.engine.model.JoinGraph;
import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.ModelException;
import io.asklayer.engine.model.SemanticModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.tools.RelBuilder;

/**
 * The semantic layer of one model over one warehouse: the compiler, the type of every dimension and
 * metric (found by compiling each once, which also proves every expression compiles), and the tables
 * of the {@code semantic} schema.
 */
public final class SemanticCatalog {
  private final MetricCompiler compiler;
  private final List<RelProtoDataType> dimensionTypes = new ArrayList<>();
  private final Map<String, RelProtoDataType> metricTypes = new LinkedHashMap<>();
  private final Map<String, Table> tables = new LinkedHashMap<>();

  /**
   * Builds the catalog, compiling every dimension and metric once.
   *
   * @param builders RelBuilders over the session's schemas, for these trial compilations
   * @throws ModelException naming each expression that does not compile, with its position
   */
  public SemanticCatalog(SemanticModel model, Supplier<RelBuilder> builders) {
    this.compiler = new MetricCompiler(model);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < compiler.dimensionNames().size(); i++) {
      Dimension d = compiler.dimension(i);
      try {
        RelDataType t = compiler.dimensionRowType(builders.get(), i);
        dimensionTypes.add(RelDataTypeImpl.proto(t));
      } catch (RuntimeException e) {
        dimensionTypes.add(null);
        problems.add(model.position("dimensions." + d.name()
            + (d.expression() != null ? ".expression" : ".column")) + ": dimension '" + d.name()
            + "' does not compile: " + e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      Set<String> failed = new LinkedHashSet<>();
      for (Metric m : model.metrics().values()) {
        // A metric built on a broken one is not reported again.
        if (compiler.leaves(List.of(m.name())).stream().anyMatch(l -> failed.contains(l.name()))) {
          continue;
        }
        try {
          RelBuilder b = builders.get();
          RelDataType row = compiler.compile(b, List.of(), List.of(), List.of(m.name()), null,
              null).getRowType();
          metricTypes.put(m.name(), RelDataTypeImpl.proto(row.getFieldList().get(0).getType()));
        } catch (RuntimeException e) {
          failed.add(m.name());
          problems.add(model.position("metrics." + m.name() + ".expression") + ": metric '"
              + m.name() + "' does not compile: " + e.getMessage());
        }
      }
    }
    for (Map.Entry<String, String> c : model.calculations().entrySet()) {
      try {
        OperatorCompiler.checkDeclared(model, MetricQueryText.calculation(c.getValue())
            .as(c.getKey()));
      } catch (RuntimeException e) {
        problems.add(model.position("calculations." + c.getKey() + ".of") + ": calculation '"
            + c.getKey() + "' (" + c.getValue() + ") is refused: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ModelException(model.source(), problems);
    }
    JoinGraph graph = JoinGraph.of(model.tables());
    Set<String> facts = new LinkedHashSet<>();
    model.metrics().values().stream().filter(m -> m.kind() == Metric.Kind.AGGREGATE)
        .forEach(m -> facts.add(m.table()));
    for (String fact : facts) {
      List<Integer> dims = new ArrayList<>();
      for (int i = 0; i < compiler.dimensionNames().size(); i++) {
        if (graph.reaches(fact, compiler.dimension(i).table())) {
          dims.add(i);
        }
      }
      tables.put(fact, new SemanticTable(fact, fact, dims,
          new ArrayList<>(model.metrics().keySet()), this));
    }
  }

  /**
   * The SQL a metric query compiles to, in a dialect: the compiled plan written by Calcite's SQL
   * writer, before optimisation (what the warehouse receives after planning may be rearranged).
   */
  public String sql(MetricQuery query, RelBuilder b, SqlDialect dialect) {
    RelNode rel = compiler.compile(b, query, this);
    RelToSqlConverter converter = new RelToSqlConverter(dialect);
    return converter.visitRoot(rel).asStatement().toSqlString(dialect).getSql();
  }

  public MetricCompiler compiler() {
    return compiler;
  }

  /** The semantic tables, by name. */
  public Map<String, Table> tables() {
    return tables;
  }

  /** The type of a dimension (by model-row position) in a type factory. */
  public RelDataType dimensionType(int i, RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(dimensionTypes.get(i).apply(typeFactory), true);
  }

  /** The type of a metric's values in a type factory. */
  public RelDataType metricType(String metric, RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(metricTypes.get(metric).apply(typeFactory), true);
  }
}
