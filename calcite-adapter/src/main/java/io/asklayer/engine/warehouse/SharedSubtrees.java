package io.asklayer.engine.warehouse;

import io.asklayer.engine.security.SecuredScan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlString;
import org.apache.calcite.util.Pair;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The warehouse statement of a plan, with a subtree the plan holds more than once written once, as
 * a common table expression, where computing it once pays. Calcite inlines a {@code WITH} clause
 * when it converts SQL to a plan, so a statement that names a sub-query twice reaches the warehouse
 * with its text twice, and the warehouse computes it twice.
 *
 * <p>Computing it once does not always pay. DuckDB (the bundled 2.0) inlines most CTEs of the
 * TPC-DS texts itself: each use then gets its own filters, and the hash joins above it prune its
 * scans at run time, which a materialized CTE cannot. Measured at scale 1 (docs/benchmarks.md),
 * materializing every repeat doubled the time of the 24 queries that have one (the customers
 * joined to the sales of queries 4, 11 and 74, each use of which keeps one year, took five to
 * six times as long), while materializing the repeats that aggregate (2, 14, 23, 59) or that
 * filter their tables (75, 88) saved up to half of a query's time. So a subtree is shared when
 * it occurs at least twice with the same digest and row type; aggregates or windows at its top,
 * or filters some of its tables; and reads nothing from outside itself (no correlation variable,
 * no sub-query). Larger subtrees are shared first; a repeat inside a shared subtree becomes a CTE
 * of its own.
 *
 * <p>Row filters and masks are part of the plan before this runs (security writes them, per
 * policy, on every scan), so a CTE carries the filters of the one principal the plan is for; two
 * scans made under different policies never have the same digest.
 *
 * <p>Only dialects known to compute a CTE used twice once get the {@code WITH} form:
 * {@link Style#of} says which; for those, {@link SemiJoins} first turns a join with one column's
 * distinct values back into {@code IN}. Only statements the warehouse runs whole (read without
 * generated code, {@code session.WarehouseStatement}) are written here; a warehouse part below
 * operators run in Java is written by Calcite's converter, inline.
 */
public final class SharedSubtrees {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private SharedSubtrees() {
  }

  /** How a dialect writes a shared subtree, if at all. */
  public enum Style {
    /** Inline, as Calcite writes it: the dialect is not known to gain from a CTE. */
    INLINE,
    /** {@code WITH name AS (...)}: the warehouse computes a CTE used twice once by itself. */
    WITH,
    /** {@code WITH name AS MATERIALIZED (...)}: the warehouse must be told to. */
    MATERIALIZED;

    /**
     * The style for a dialect: DuckDB inlines a plain CTE used twice as often as not, so it is
     * told; PostgreSQL (12 and later) materializes a CTE referenced more than once by itself.
     * Others, whose behaviour has not been measured here, keep Calcite's inline SQL.
     */
    public static Style of(SqlDialect dialect) {
      return switch (dialect.getDatabaseProduct()) {
        case DUCKDB -> MATERIALIZED;
        case POSTGRESQL -> WITH;
        default -> INLINE;
      };
    }
  }

  /** The statement for the warehouse part {@code rel}, in the dialect's own style. */
  public static SqlString sql(RelNode rel, SqlDialect dialect, JavaTypeFactory typeFactory) {
    return sql(rel, dialect, typeFactory, Style.of(dialect));
  }

  /** The statement for the warehouse part {@code rel}, shared subtrees written in {@code style}. */
  public static SqlString sql(RelNode rel, SqlDialect dialect, JavaTypeFactory typeFactory,
      Style style) {
    if (style == Style.INLINE) {
      return new Implementor(dialect, typeFactory).visitRoot(rel).asStatement()
          .toSqlString(dialect);
    }
    Sharing sharing = new Sharing(SemiJoins.rewrite(rel));
    sharing.run();
    List<SqlNode> items = new ArrayList<>();
    for (Shared s : sharing.ordered()) {
      SqlNode query = new Implementor(dialect, typeFactory).visitRoot(s.body).asStatement();
      List<SqlNode> columns = new ArrayList<>();
      for (String f : s.body.getRowType().getFieldNames()) {
        columns.add(new SqlIdentifier(f, POS));
      }
      items.add(new Item(new SqlIdentifier(s.name, POS), SqlNodeList.of(POS, columns), query,
          style == Style.MATERIALIZED));
    }
    SqlNode body = new Implementor(dialect, typeFactory).visitRoot(sharing.main).asStatement();
    SqlNode statement = items.isEmpty() ? body
        : new SqlWith(POS, new SqlNodeList(items, POS), body);
    return statement.toSqlString(dialect);
  }

  /** One shared subtree: its name, its plan (with its own shared parts as references). */
  private record Shared(String name, RelNode body) {
  }

  /** Finds the shared subtrees of one plan and replaces their occurrences by references. */
  private static final class Sharing {
    RelNode main;
    final List<Shared> shared = new ArrayList<>();
    private final Map<String, Integer> keyIds = new HashMap<>();
    private Map<RelNode, Integer> ids = new IdentityHashMap<>();

    Sharing(RelNode main) {
      this.main = main;
    }

    void run() {
      for (RelNode largest = largestRepeat(); largest != null; largest = largestRepeat()) {
        int key = id(largest);
        String name = "cte_" + shared.size();
        Ref ref = new Ref(largest.getCluster(), largest.getTraitSet(), largest.getRowType(),
            name);
        main = replace(main, key, ref);
        List<Shared> bodies = new ArrayList<>(shared);
        shared.clear();
        for (Shared s : bodies) {
          shared.add(new Shared(s.name, replace(s.body, key, ref)));
        }
        shared.add(new Shared(name, largest));
      }
    }

    /** The shared subtrees in an order where each comes after those its body reads. */
    List<Shared> ordered() {
      // A subtree found later is smaller, never contains one found earlier, and may be read by one.
      List<Shared> out = new ArrayList<>(shared);
      java.util.Collections.reverse(out);
      return out;
    }

    /** The largest shareable subtree occurring at least twice in the plan and bodies, or null. */
    private @Nullable RelNode largestRepeat() {
      ids = new IdentityHashMap<>();
      Map<Integer, Integer> counts = new HashMap<>();
      Map<Integer, RelNode> first = new HashMap<>();
      List<RelNode> roots = new ArrayList<>();
      roots.add(main);
      shared.forEach(s -> roots.add(s.body));
      for (RelNode root : roots) {
        count(root, counts, first);
      }
      RelNode best = null;
      int bestSize = 0;
      for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
        RelNode n = first.get(e.getKey());
        if (e.getValue() < 2 || !shareable(n)) {
          continue;
        }
        int size = size(n);
        if (size > bestSize) {
          best = n;
          bestSize = size;
        }
      }
      return best;
    }

    private void count(RelNode node, Map<Integer, Integer> counts, Map<Integer, RelNode> first) {
      int key = id(node);
      counts.merge(key, 1, Integer::sum);
      first.putIfAbsent(key, node);
      for (RelNode input : node.getInputs()) {
        count(input, counts, first);
      }
    }

    private RelNode replace(RelNode node, int key, Ref ref) {
      if (id(node) == key) {
        return ref;
      }
      List<RelNode> inputs = new ArrayList<>();
      boolean changed = false;
      for (RelNode input : node.getInputs()) {
        RelNode r = replace(input, key, ref);
        changed |= r != input;
        inputs.add(r);
      }
      return changed ? node.copy(node.getTraitSet(), inputs) : node;
    }

    /**
     * The number of a subtree's digest: equal for two subtrees of the same operators, expressions,
     * row types (names included) and scans made under the same policy.
     */
    private int id(RelNode node) {
      Integer known = ids.get(node);
      if (known != null) {
        return known;
      }
      StringBuilder b = new StringBuilder(node.getClass().getName()).append('|')
          .append(node.getRowType().getFullTypeString()).append('|');
      if (node instanceof SecuredScan scan) {
        b.append("policy=").append(scan.policy()).append(',');
      }
      node.explain(new KeyWriter(b));
      int id = keyIds.computeIfAbsent(b.toString(), k -> keyIds.size());
      ids.put(node, id);
      return id;
    }

    /** Writes a node's explain terms into a key, each input as the number of its digest. */
    private final class KeyWriter implements RelWriter {
      private final StringBuilder b;

      KeyWriter(StringBuilder b) {
        this.b = b;
      }

      @Override public void explain(RelNode rel, List<Pair<String, @Nullable Object>> values) {
        values.forEach(v -> item(v.left, v.right));
      }

      @Override public org.apache.calcite.sql.SqlExplainLevel getDetailLevel() {
        return org.apache.calcite.sql.SqlExplainLevel.DIGEST_ATTRIBUTES;
      }

      @Override public RelWriter item(String term, @Nullable Object value) {
        b.append(term).append('=')
            .append(value instanceof RelNode r ? "#" + id(r) : String.valueOf(value)).append(',');
        return this;
      }

      @Override public RelWriter done(RelNode node) {
        return this;
      }
    }
  }

  /**
   * Whether sharing {@code rel} saves the warehouse work: it joins, aggregates, computes a window
   * or a set operation somewhere, and aggregates at its top or filters inside (see the class
   * comment for why not every join); every node is a warehouse operator; nothing in it reads a
   * correlation variable or holds a sub-query (whose meaning may depend on where it is written);
   * and its columns have distinct names, which the CTE's column list needs.
   */
  static boolean shareable(RelNode rel) {
    List<String> names = rel.getRowType().getFieldNames();
    if (new HashSet<>(names).size() != names.size()) {
      return false;
    }
    boolean[] work = {false};
    return selfContained(rel, work) && work[0] && (aggregated(rel) || filtered(rel));
  }

  /** Whether {@code rel}'s rows come out of an aggregate or window (below projections, filters). */
  private static boolean aggregated(RelNode rel) {
    RelNode r = rel;
    while (r instanceof org.apache.calcite.rel.core.Project
        || r instanceof org.apache.calcite.rel.core.Filter
        || r instanceof org.apache.calcite.rel.core.Sort) {
      r = r.getInput(0);
    }
    return r instanceof Aggregate || r instanceof Window;
  }

  /** Whether a filter anywhere in {@code rel} keeps only some of its tables' rows. */
  private static boolean filtered(RelNode rel) {
    if (rel instanceof org.apache.calcite.rel.core.Filter) {
      return true;
    }
    for (RelNode input : rel.getInputs()) {
      if (filtered(input)) {
        return true;
      }
    }
    return false;
  }

  private static boolean selfContained(RelNode rel, boolean[] work) {
    if (!(rel instanceof JdbcRel) || rel instanceof Ref) {
      return false;
    }
    work[0] |= rel instanceof Join || rel instanceof Aggregate || rel instanceof Window
        || rel instanceof SetOp;
    boolean[] outside = {false};
    rel.accept(new RexShuttle() {
      @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
        outside[0] = true;
        return subQuery;
      }

      @Override public RexNode visitCorrelVariable(RexCorrelVariable variable) {
        outside[0] = true;
        return variable;
      }
    });
    if (outside[0] || !rel.getVariablesSet().isEmpty()) {
      return false;
    }
    for (RelNode input : rel.getInputs()) {
      if (!selfContained(input, work)) {
        return false;
      }
    }
    return true;
  }

  private static int size(RelNode rel) {
    int n = 1;
    for (RelNode input : rel.getInputs()) {
      n += size(input);
    }
    return n;
  }

  /** A reference to a shared subtree, written as its name in a {@code FROM} clause. */
  static final class Ref extends AbstractRelNode implements JdbcRel {
    private final String name;

    Ref(RelOptCluster cluster, RelTraitSet traits, RelDataType rowType, String name) {
      super(cluster, traits);
      this.rowType = rowType;
      this.name = name;
    }

    @Override protected RelDataType deriveRowType() {
      return rowType;
    }

    @Override public RelWriter explainTerms(RelWriter pw) {
      return super.explainTerms(pw).item("name", name);
    }

    @Override public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      return implementor.implement(this);
    }
  }

  /**
   * Calcite's JDBC SQL writer, which also writes a {@link Ref} as the name it refers to and a
   * {@link SemiJoins.KeyIn} as {@code WHERE a IN (SELECT ...)}.
   */
  public static final class Implementor extends JdbcImplementor {
    Implementor(SqlDialect dialect, JavaTypeFactory typeFactory) {
      super(dialect, typeFactory);
    }

    /**
     * An aggregate over a projection of an aggregate is written over a sub-query: Calcite's writer
     * merges a projection below an aggregate into the aggregate's own select, which for a
     * projection of an aggregate nests one aggregate in another ({@code SUM(u)} over
     * {@code SELECT store, SUM(units_sold) AS u ... GROUP BY store} became
     * {@code SUM(CAST(COALESCE(SUM(quantity), 0) AS BIGINT)) ... GROUP BY store_name}, which
     * DuckDB refuses).
     */
    @Override public Result visitInput(RelNode parent, int i, boolean anon,
        boolean ignoreClauses, java.util.Set<Clause> expectedClauses) {
      boolean nested = ignoreClauses && parent instanceof org.apache.calcite.rel.core.Aggregate
          && parent.getInput(i) instanceof org.apache.calcite.rel.core.Project p
          && p.getInput() instanceof org.apache.calcite.rel.core.Aggregate;
      return super.visitInput(parent, i, anon, ignoreClauses && !nested, expectedClauses);
    }

    /** A reference in a {@code FROM} clause; called by Calcite's visitor dispatch. */
    public Result visit(Ref ref) {
      return result(new SqlIdentifier(ref.name, POS), List.of(Clause.FROM), ref, null);
    }

    /** The left input's rows whose column is in the right's; called by the visitor dispatch. */
    public Result visit(SemiJoins.KeyIn in) {
      Result left = visitInput(in, 0, Clause.WHERE);
      Builder builder = left.builder(in);
      // As Calcite writes a sub-query: by this writer, so its aliases differ from the outer ones.
      SqlNode values = visitRoot(in.getRight()).asStatement();
      builder.setWhere(org.apache.calcite.sql.fun.SqlStdOperatorTable.IN.createCall(POS,
          builder.context.field(in.column), values));
      return builder.result();
    }
  }

  /** A {@code WITH} item, written {@code AS MATERIALIZED} when asked. */
  private static final class Item extends SqlWithItem {
    private final boolean materialized;

    Item(SqlIdentifier name, SqlNodeList columns, SqlNode query, boolean materialized) {
      super(POS, name, columns, query, SqlLiteral.createBoolean(false, POS));
      this.materialized = materialized;
    }

    @Override public SqlOperator getOperator() {
      return materialized ? MATERIALIZED_ITEM : super.getOperator();
    }
  }

  /** Writes {@code name (columns) AS MATERIALIZED (query)}. */
  private static final SqlOperator MATERIALIZED_ITEM =
      new SqlSpecialOperator("WITH_ITEM", SqlKind.WITH_ITEM, 0) {
        @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec,
            int rightPrec) {
          SqlWithItem item = (SqlWithItem) call;
          item.name.unparse(writer, getLeftPrec(), getRightPrec());
          if (item.columnList != null) {
            item.columnList.unparse(writer, getLeftPrec(), getRightPrec());
          }
          writer.keyword("AS MATERIALIZED");
          item.query.unparse(writer, MDX_PRECEDENCE, MDX_PRECEDENCE);
        }
      };
}
