package io.asklayer.engine.session;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.error.Messages;
import io.asklayer.engine.guard.RefusalLog;
import io.asklayer.engine.guard.StatementGuard;
import io.asklayer.engine.warehouse.PushdownRules;
import java.lang.reflect.Type;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;

/**
 * The statement pipeline inside Calcite's prepare step, which every JDBC path (statements, prepared
 * statements, the network server) goes through: the statement guard first, then Calcite's
 * validation, planning and pushdown. DDL is refused here too, in case anything got past the guard.
 */
public class AsklayerPrepare extends CalcitePrepareImpl {
  @Override public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query,
      Type elementType, long maxRowCount) {
    Session session = Session.of(context);
    if (session == null) {
      throw new IllegalStateException("statement prepared outside an Asklayer session");
    }
    try {
      Query<T> checked = query;
      if (query.sql != null) {
        String meta = MetaStatements.rewrite(query.sql);
        StatementGuard.Checked c = session.guard().check(meta != null ? meta : query.sql);
        checked = Query.of(c.sql());
      }
      return super.prepareSql(context, checked, elementType, maxRowCount);
    } catch (AsklayerException e) {
      if (e.kind() != ErrorKind.INTERNAL) {
        RefusalLog.record(session.principal(), query.sql != null ? query.sql : "(plan)",
            e.getMessage());
      }
      throw e;
    }
  }

  @Override protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY
        : EnumerableRel.Prefer.CUSTOM;
    return new AsklayerPreparingStmt(this, context, catalogReader, typeFactory,
        context.getRootSchema(), prefer, createCluster(planner, new RexBuilder(typeFactory)),
        createConvertletTable());
  }

  @Override protected RelOptPlanner createPlanner(Context prepareContext,
      org.apache.calcite.plan.Context externalContext, RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    PushdownRules.apply(planner);
    return planner;
  }

  @Override public void executeDdl(Context context, SqlNode node) {
    throw Messages.readOnly(node.getKind().sql);
  }
}
