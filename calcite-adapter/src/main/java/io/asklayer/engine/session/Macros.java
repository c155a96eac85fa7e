package io.asklayer.engine.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * Table functions whose result the engine computes when the statement is planned (metadata
 * statements, document search): literal arguments, some optional (a missing one is null).
 */
final class Macros {
  private Macros() {
  }

  /** A parameter: its name, its Java type (String, Integer), whether it may be left out. */
  record Param(String name, Class<?> type, boolean optional) {
    static Param text(String name) {
      return new Param(name, String.class, false);
    }
  }

  static TableMacro of(List<Param> params, Function<List<?>, TranslatableTable> body) {
    return new Macro(List.copyOf(params), body, true);
  }

  /**
   * A function answering a JDBC metadata call ({@link JdbcMetadata}): computed from the session's
   * schemas alone, and not counted in {@link #evaluated()}.
   */
  static TableMacro metadata(List<Param> params, Function<List<?>, TranslatableTable> body) {
    return new Macro(List.copyOf(params), body, false);
  }

  private static final java.util.concurrent.atomic.LongAdder EVALUATED =
      new java.util.concurrent.atomic.LongAdder();

  /**
   * How many times, in this JVM, a function other than a metadata answer was evaluated: tests
   * check that JDBC metadata calls evaluate none.
   */
  static long evaluated() {
    return EVALUATED.sum();
  }

  /** An argument as Java sees it: text as a String, numbers as Numbers, missing as null. */
  static Object value(Object arg) {
    return arg instanceof NlsString n ? n.getValue() : arg;
  }

  private record Macro(List<Param> params, Function<List<?>, TranslatableTable> body,
      boolean counted) implements TableMacro {
    @Override public List<FunctionParameter> getParameters() {
      List<FunctionParameter> out = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        int ordinal = i;
        Param p = params.get(i);
        out.add(new FunctionParameter() {
          @Override public int getOrdinal() {
            return ordinal;
          }

          @Override public String getName() {
            return p.name();
          }

          @Override public RelDataType getType(RelDataTypeFactory typeFactory) {
            if (typeFactory instanceof JavaTypeFactory j) {
              return j.createType(p.type());
            }
            return typeFactory.createSqlType(p.type() == Integer.class ? SqlTypeName.INTEGER
                : SqlTypeName.VARCHAR);
          }

          @Override public boolean isOptional() {
            return p.optional();
          }
        });
      }
      return out;
    }

    @Override public TranslatableTable apply(List<?> arguments) {
      // The result is computed now, from data or by changing state: the plan must not be kept.
      PlanCache.doNotKeep();
      if (counted) {
        EVALUATED.increment();
      }
      List<Object> values = new ArrayList<>();
      for (Object a : arguments) {
        values.add(value(a));
      }
      return body.apply(values);
    }
  }
}
