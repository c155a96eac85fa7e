package io.asklayer.engine.session;

import io.asklayer.engine.error.Messages;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.util.CancelFlag;

/**
 * The time limit and cancellation of planning. Calcite's planner checks a cancel flag at every rule
 * it fires; each statement's planning gets one, raised when the statement's time limit passes or
 * when the statement is cancelled from another thread ({@link #cancel(Thread)}). Without it, a plan
 * search that does not end would hold its connection whatever the timeout said.
 */
public final class PlanningLimit {
  /** Raises flags at deadlines; a deadline cancelled when planning ends leaves the queue at once. */
  private static final ScheduledThreadPoolExecutor TIMER = timer();
  private static final ConcurrentMap<Thread, Planning> PLANNING = new ConcurrentHashMap<>();
  private static final ThreadLocal<Integer> TIMEOUT = new ThreadLocal<>();

  private PlanningLimit() {
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "asklayer-planning-limit");
      thread.setDaemon(true);
      return thread;
    });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  /** One statement's planning: its flag, and whether the time limit raised it. */
  static final class Planning {
    final AtomicBoolean flag = new AtomicBoolean();
    final int seconds;
    volatile boolean timedOut;
    ScheduledFuture<?> deadline;

    Planning(int seconds) {
      this.seconds = seconds;
    }
  }

  /**
   * Sets the time limit of the statements this thread plans until {@link #clearTimeout()}: a
   * statement's own query timeout, where it has one shorter than the model's.
   */
  public static void timeout(int seconds) {
    TIMEOUT.set(seconds);
  }

  public static void clearTimeout() {
    TIMEOUT.remove();
  }

  /** Cancels the planning going on in {@code thread}, if any. */
  public static void cancel(Thread thread) {
    Planning p = PLANNING.get(thread);
    if (p != null) {
      p.flag.set(true);
    }
  }

  /** Starts the planning of a statement on this thread, limited to the statement's time. */
  static CancelFlag begin(int modelSeconds) {
    Integer asked = TIMEOUT.get();
    int seconds = asked != null && asked > 0 && (modelSeconds <= 0 || asked < modelSeconds)
        ? asked : modelSeconds;
    Planning p = new Planning(seconds);
    if (seconds > 0) {
      p.deadline = TIMER.schedule(() -> {
        p.timedOut = true;
        p.flag.set(true);
      }, seconds, TimeUnit.SECONDS);
    }
    Planning before = PLANNING.put(Thread.currentThread(), p);
    if (before != null && before.deadline != null) {
      before.deadline.cancel(false);
    }
    return new CancelFlag(p.flag);
  }

  /**
   * A checkpoint for long work done while this thread plans a statement (building a document
   * index): it throws the planning-timeout or cancelled refusal once the statement's flag is up,
   * and does nothing when no statement is being planned.
   */
  static Runnable checkpoint() {
    Planning p = current();
    if (p == null) {
      return () -> { };
    }
    return () -> {
      if (p.flag.get()) {
        throw p.timedOut ? Messages.planningTimedOut(p.seconds)
            : Messages.planningCancelled(null);
      }
    };
  }

  /** The planning of this thread, or null. */
  static Planning current() {
    return PLANNING.get(Thread.currentThread());
  }

  /** Ends the planning of this thread. */
  static void end() {
    Planning p = PLANNING.remove(Thread.currentThread());
    if (p != null && p.deadline != null) {
      p.deadline.cancel(false);
    }
  }
}
