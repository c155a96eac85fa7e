package io.asklayer.engine.security;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.model.ModelValidator;
import io.asklayer.engine.model.SecuritySpec;
import io.asklayer.engine.warehouse.WarehouseTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.plan.RelOptSchema;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.NlsString;

/**
 * A warehouse table as one principal sees it. Every reference to it, from any statement, metric
 * query or sub-query, is turned into a plan by {@link #toRel}, which is where the principal's row
 * filter and column masks are applied, as relational operators over a {@link SecuredScan}: the
 * filter sees the stored values, the masks are applied above it. Row filters are values in the plan
 * (the principal's attributes become literals), never text spliced into SQL.
 */
public final class SecuredTable extends AbstractTable implements TranslatableTable {
  /** What a masked text column reads as. */
  public static final String MASKED = "***";

  private final WarehouseTable table;
  private final AccessPolicy policy;
  private final String schemaName;
  private final Function<RelDataTypeFactory, RelOptSchema> catalog;

  /**
   * Creates the table.
   *
   * @param schemaName the schema tables are scanned in, for filters that follow a reference
   * @param catalog the principal's tables, for those filters' sub-queries
   */
  public SecuredTable(WarehouseTable table, AccessPolicy policy, String schemaName,
      Function<RelDataTypeFactory, RelOptSchema> catalog) {
    this.table = table;
    this.policy = policy;
    this.schemaName = schemaName;
    this.catalog = catalog;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataType stored = table.getRowType(typeFactory);
    Map<String, SecuritySpec.Mask> masks = policy.masks(table.name());
    if (masks.isEmpty()) {
      return stored;
    }
    // A column that reads as NULL for this principal is nullable for it.
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (RelDataTypeField f : stored.getFieldList()) {
      b.add(f.getName(), nullsForPrincipal(masks, f)
          ? typeFactory.createTypeWithNullability(f.getType(), true) : f.getType());
    }
    return b.build();
  }

  private static boolean nullsForPrincipal(Map<String, SecuritySpec.Mask> masks,
      RelDataTypeField f) {
    SecuritySpec.Mask m = masks.get(f.getName().toLowerCase(Locale.ROOT));
    return m == SecuritySpec.Mask.DENY
        || (m == SecuritySpec.Mask.MASK && !SqlTypeUtil.isCharacter(f.getType()));
  }

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.TABLE;
  }

  @Override public Statistic getStatistic() {
    // A row-filtered table's size is the company's, not what this principal may count: plans
    // (EXPLAIN ... INCLUDING ALL ATTRIBUTES) would show it. Its keys are the model's, and stay.
    if (!policy.rowFilters(table.name()).isEmpty()) {
      return Statistics.of(null, table.getStatistic().getKeys(), null, null);
    }
    return table.getStatistic();
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    SecuredScan scan = new SecuredScan(context.getCluster(), context.getTableHints(), relOptTable,
        table.unwrap(JdbcTable.class), table.convention(), policy.fingerprint());
    RelBuilder b = RelFactories.LOGICAL_BUILDER.create(context.getCluster(),
        catalog.apply(context.getCluster().getTypeFactory()));
    b.push(scan);
    RexNode visible = visibility(b, policy.rowFilters(table.name()));
    Map<String, SecuritySpec.Mask> masks = policy.masks(table.name());
    if (visible == null && masks.isEmpty()) {
      return b.build();
    }
    RexBuilder rex = b.getRexBuilder();
    List<RexNode> fields = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (RelDataTypeField f : scan.getRowType().getFieldList()) {
      SecuritySpec.Mask m = masks.get(f.getName().toLowerCase(Locale.ROOT));
      RexNode v = rex.makeInputRef(f.getType(), f.getIndex());
      if (m != null) {
        v = nullsForPrincipal(masks, f)
            ? rex.makeNullLiteral(b.getTypeFactory().createTypeWithNullability(f.getType(), true))
            : rex.makeCast(f.getType(), b.literal(MASKED), true, false);
      } else if (visible != null) {
        v = RowGuard.guard(rex, visible, v);
      }
      fields.add(v);
      names.add(f.getName());
    }
    b.project(fields, names, true);
    return b.build();
  }

  /**
   * Applies the row filters to the scan on top of {@code b}, and returns the condition under which
   * a row is visible, over the scan's columns and any columns joined after them; null if every
   * row is. A {@code visible_with} filter joins the distinct keys of the other (itself secured)
   * table: inner if it is the only filter, else left, with the alternatives or-ed in a filter.
   */
  private RexNode visibility(RelBuilder b, List<SecuritySpec.RowFilter> filters) {
    if (filters.isEmpty()) {
      return null;
    }
    RexBuilder rex = b.getRexBuilder();
    List<RexNode> alternatives = new ArrayList<>();
    for (SecuritySpec.RowFilter f : filters) {
      if (f.expression() != null) {
        alternatives.add(condition(b, f));
      }
    }
    boolean onlyReference = filters.size() == 1 && alternatives.isEmpty();
    for (SecuritySpec.RowFilter f : filters) {
      if (f.expression() != null) {
        continue;
      }
      RelDataType left = b.peek().getRowType();
      List<String> mine = new ArrayList<>(f.keys().keySet());
      List<String> theirs = mine.stream().map(f.keys()::get).toList();
      b.scan(schemaName, f.visibleWith()).project(theirs.stream().map(b::field).toList());
      b.aggregate(b.groupKey(b.fields()), b.countStar("visible_rows"));
      List<RexNode> on = new ArrayList<>();
      for (int i = 0; i < mine.size(); i++) {
        on.add(b.equals(b.field(2, 0, mine.get(i)), b.field(2, 1, i)));
      }
      b.join(onlyReference ? JoinRelType.INNER : JoinRelType.LEFT, b.and(on));
      // Visible when a key matched, told by a column of the matched side that is neither a join
      // key nor constant. A key ("theirs IS NOT NULL", "mine = theirs") would not do: DuckDB
      // substitutes equal join keys for each other, reads the guard as true for the left side
      // alone and evaluates the guarded expression below the join, on hidden rows.
      RelDataTypeField count = b.peek().getRowType().getFieldList()
          .get(left.getFieldCount() + mine.size());
      alternatives.add(rex.makeCall(SqlStdOperatorTable.GREATER_THAN,
          rex.makeInputRef(count.getType(), count.getIndex()), rex.makeZeroLiteral(
              count.getType())));
    }
    RexNode visible = RexUtil.composeDisjunction(rex, alternatives);
    if (!onlyReference) {
      b.filter(visible);
    }
    return visible;
  }

  /** A filter written as a condition over this table's columns and the principal's attributes. */
  private RexNode condition(RelBuilder b, SecuritySpec.RowFilter f) {
    SqlNode e;
    try {
      e = SqlParser.create(f.expression(), ModelValidator.EXPRESSION_PARSER).parseExpression();
    } catch (SqlParseException ex) {
      throw new IllegalStateException("row filter did not parse: " + f.expression(), ex);
    }
    return translate(b, e);
  }

  private RexNode translate(RelBuilder b, SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      if (id.names.size() == 2 && id.names.get(0).equalsIgnoreCase("principal")) {
        Object v = policy.attributes().get(id.names.get(1));
        return v instanceof BigDecimal d ? b.literal(d) : b.literal(String.valueOf(v));
      }
      return b.field(id.names.get(id.names.size() - 1));
    }
    if (node instanceof SqlLiteral lit) {
      return switch (lit.getTypeName()) {
        case DECIMAL, INTEGER, DOUBLE -> b.literal(lit.getValueAs(BigDecimal.class));
        case CHAR -> b.literal(lit.getValueAs(NlsString.class).getValue());
        case BOOLEAN -> b.literal(lit.booleanValue());
        case NULL -> b.literal(null);
        default -> throw unsupported(node);
      };
    }
    if (node instanceof SqlBasicCall call) {
      List<RexNode> operands = new ArrayList<>();
      for (SqlNode o : call.getOperandList()) {
        operands.add(translate(b, o));
      }
      switch (call.getKind()) {
        case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN,
            GREATER_THAN_OR_EQUAL, AND, OR, NOT, IS_NULL, IS_NOT_NULL, PLUS, MINUS, TIMES,
            DIVIDE -> {
          return b.call(call.getOperator(), operands);
        }
        default -> throw unsupported(node);
      }
    }
    throw unsupported(node);
  }

  private static AsklayerException unsupported(SqlNode node) {
    return new AsklayerException(ErrorKind.USER, "Row filters may use columns, principal "
        + "attributes, literals, comparisons, arithmetic, AND/OR/NOT and IS [NOT] NULL; '" + node
        + "' is none of these.");
  }

  @Override public <C> C unwrap(Class<C> aClass) {
    if (aClass.isInstance(this)) {
      return aClass.cast(this);
    }
    // What SQL generation and execution need, never ModifiableTable or ScannableTable.
    if (aClass == JdbcTable.class || aClass == DataSource.class || aClass == SqlDialect.class
        || aClass == WarehouseTable.class) {
      return table.unwrap(aClass);
    }
    return null;
  }
}
