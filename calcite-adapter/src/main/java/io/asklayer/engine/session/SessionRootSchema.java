package io.asklayer.engine.session;

import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The root schema of a session's connection. It holds nothing itself; it is how the statement
 * pipeline, handed only Calcite's prepare context, finds the session it runs for.
 */
final class SessionRootSchema extends AbstractSchema {
  private final Session session;

  SessionRootSchema(Session session) {
    this.session = session;
  }

  static Session session(CalciteSchema root) {
    return root != null && root.schema instanceof SessionRootSchema s ? s.session : null;
  }
}
