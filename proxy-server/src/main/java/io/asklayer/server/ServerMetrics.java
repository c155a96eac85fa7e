package io.asklayer.server;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * What {@code /metrics} shows, in Prometheus' text format: requests, errors by kind, login
 * failures, request latency as a histogram, and open connections.
 */
final class ServerMetrics {
  /** Upper bounds of the latency buckets, in seconds. */
  private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
      0.5, 1, 2.5, 5, 10, 30};

  final AtomicLong requests = new AtomicLong();
  /** Statements refused for what they asked (user errors, unsupported, identity). */
  final AtomicLong refusals = new AtomicLong();
  /** Failures inside Asklayer or the warehouse. */
  final AtomicLong errors = new AtomicLong();
  final AtomicLong loginFailures = new AtomicLong();
  final AtomicLong rejectedRequests = new AtomicLong();
  /** Cancel requests accepted (by {@code Statement.cancel()} or a client's query timeout). */
  final AtomicLong cancels = new AtomicLong();
  private final AtomicLongArray bucketCounts = new AtomicLongArray(BUCKETS.length + 1);
  private final AtomicLong latencyNanos = new AtomicLong();
  private final LongSupplier openConnections;

  ServerMetrics(LongSupplier openConnections) {
    this.openConnections = openConnections;
  }

  void observe(long nanos) {
    requests.incrementAndGet();
    latencyNanos.addAndGet(nanos);
    double seconds = nanos / 1e9;
    int i = 0;
    while (i < BUCKETS.length && seconds > BUCKETS[i]) {
      i++;
    }
    bucketCounts.incrementAndGet(i);
  }

  String prometheus() {
    StringBuilder b = new StringBuilder();
    counter(b, "asklayer_requests_total", "Avatica requests served", requests.get());
    counter(b, "asklayer_refusals_total", "Statements refused (user error, unsupported, identity)",
        refusals.get());
    counter(b, "asklayer_errors_total", "Internal or warehouse failures", errors.get());
    counter(b, "asklayer_login_failures_total", "Failed logins", loginFailures.get());
    counter(b, "asklayer_rejected_requests_total", "Requests rejected before Avatica (size, "
        + "malformed)", rejectedRequests.get());
    counter(b, "asklayer_cancels_total", "Statements cancelled by clients (cancel() or query "
        + "timeout)", cancels.get());
    var plans = io.asklayer.engine.session.PlanCache.stats();
    counter(b, "asklayer_plan_cache_hits_total", "Statements answered with a kept plan",
        plans.hitCount());
    counter(b, "asklayer_plan_cache_misses_total", "Statements planned", plans.missCount());
    var shapes = io.asklayer.engine.session.PlanCache.shapeStats();
    counter(b, "asklayer_plan_shapes_reused_total", "Statements answered by the plan of their "
        + "shape, with their literals bound", shapes.reused());
    counter(b, "asklayer_plan_shapes_planned_total", "Shapes planned", shapes.planned());
    counter(b, "asklayer_plan_shapes_not_taken_total", "Statements planned with their literals "
        + "although they had a shape", shapes.notTaken());
    var questions = io.asklayer.engine.cache.SemanticCache.sharedStats();
    counter(b, "asklayer_question_cache_local_hits_total", "Questions whose meaning was kept in "
        + "this process", questions.localHits());
    counter(b, "asklayer_question_cache_redis_hits_total", "Questions whose meaning came from "
        + "Redis", questions.redisHits());
    counter(b, "asklayer_question_cache_misses_total", "Questions read afresh",
        questions.misses());
    counter(b, "asklayer_question_cache_redis_errors_total", "Redis calls that failed or timed "
        + "out (answered without Redis)", questions.redisErrors());
    b.append("# HELP asklayer_question_cache_redis_up Whether the last Redis call worked\n")
        .append("# TYPE asklayer_question_cache_redis_up gauge\n")
        .append("asklayer_question_cache_redis_up ").append(questions.redisDown() ? 0 : 1)
        .append('\n');
    b.append("# HELP asklayer_open_connections Client connections open\n")
        .append("# TYPE asklayer_open_connections gauge\n")
        .append("asklayer_open_connections ").append(openConnections.getAsLong()).append('\n');
    b.append("# HELP asklayer_request_seconds Avatica request latency\n")
        .append("# TYPE asklayer_request_seconds histogram\n");
    long cumulative = 0;
    for (int i = 0; i < BUCKETS.length; i++) {
      cumulative += bucketCounts.get(i);
      b.append(String.format(Locale.ROOT, "asklayer_request_seconds_bucket{le=\"%s\"} %d%n",
          BUCKETS[i], cumulative));
    }
    cumulative += bucketCounts.get(BUCKETS.length);
    b.append("asklayer_request_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
    b.append(String.format(Locale.ROOT, "asklayer_request_seconds_sum %.6f%n",
        latencyNanos.get() / 1e9));
    b.append("asklayer_request_seconds_count ").append(cumulative).append('\n');
    return b.toString();
  }

  private static void counter(StringBuilder b, String name, String help, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n")
        .append(name).append(' ').append(value).append('\n');
  }
}
