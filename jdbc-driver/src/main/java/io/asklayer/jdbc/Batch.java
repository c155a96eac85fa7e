package io.asklayer.jdbc;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.Messages;
import io.asklayer.engine.guard.RefusalLog;
import java.sql.BatchUpdateException;

/**
 * A statement's batch. JDBC batches are for changes, and Asklayer changes nothing, so nothing
 * batched is run: {@code addBatch} only counts, an empty batch executes to no update counts, and
 * any other is refused with a {@link BatchUpdateException} (SQLState 0AS01, as a single write is)
 * that says to run queries with {@code executeQuery}. Either way the batch is empty afterwards, as
 * JDBC has it. Avatica ran a batch of queries and answered {@code [-1]}.
 */
final class Batch {
  private int statements;

  /** {@code addBatch(sql)} or, for a prepared statement, {@code addBatch()}. */
  void add() {
    statements++;
  }

  void clear() {
    statements = 0;
  }

  /**
   * {@code executeBatch()} ({@code int[]}) or {@code executeLargeBatch()} ({@code long[]}).
   *
   * @throws BatchUpdateException for a batch that is not empty, with no update counts
   */
  Object execute(boolean large, String principal) throws BatchUpdateException {
    int n = statements;
    statements = 0;
    if (n == 0) {
      return large ? (Object) new long[0] : (Object) new int[0];
    }
    AsklayerException refusal = Messages.batchRefused(n);
    RefusalLog.record(principal, "(batch of " + n + ")", refusal.getMessage());
    throw new BatchUpdateException(refusal.getMessage(), refusal.kind().sqlState(), 0,
        new long[0], refusal);
  }
}
