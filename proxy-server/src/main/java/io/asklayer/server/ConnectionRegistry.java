package io.asklayer.server;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which principal opened each client connection, which statements each connection made, and when
 * a connection was last used. Avatica's connection ids are chosen by clients and its statement ids
 * are small integers counted across the whole server, and Avatica itself finds a statement by its
 * id alone; this record is what stops one client from using a connection or a statement another
 * opened, caps connections per principal, and finds idle connections to close.
 *
 * <p>Everything here fails closed: a connection this registry does not know has no owner anyone
 * may act as, and a statement it does not know belongs to no connection.
 */
final class ConnectionRegistry {
  /** One open connection; its identity (not its id) is what a failed open may remove. */
  static final class Entry {
    final String principal;
    final AtomicLong lastUsed;
    /** Guarded by the registry: statements are added and dropped with the registry locked. */
    final Set<Integer> statements = new HashSet<>();

    Entry(String principal, long now) {
      this.principal = principal;
      this.lastUsed = new AtomicLong(now);
    }
  }

  private final Map<String, Entry> connections = new ConcurrentHashMap<>();
  /** Statement id to the id of the connection that made it; guarded by the registry. */
  private final Map<Integer, String> statements = new HashMap<>();
  private final int maxPerPrincipal;
  private final Duration idle;
  private final Clock clock;

  ConnectionRegistry(int maxPerPrincipal, Duration idle, Clock clock) {
    this.maxPerPrincipal = maxPerPrincipal;
    this.idle = idle;
    this.clock = clock;
  }

  /**
   * Records a connection being opened, or refuses: an id that is already open (whoever holds it;
   * its record is left exactly as it was), or a principal at its limit. Returns the new record,
   * which is what {@link #abandon} takes back if the open then fails.
   */
  synchronized Entry reserve(String id, String principal) {
    if (id == null || id.isBlank()) {
      throw Errors.refusal("openConnection names no connection id. Give each connection an id "
          + "of its own (Avatica clients use a random UUID).", "08001");
    }
    if (connections.containsKey(id)) {
      throw Errors.refusal("A connection with id " + id + " is already open on this server, so "
          + "it cannot be opened again. Open the new connection with an id of its own (Avatica "
          + "clients use a random UUID).", "08002");
    }
    long open = connections.values().stream().filter(o -> o.principal.equals(principal)).count();
    if (open >= maxPerPrincipal) {
      throw Errors.refusal("'" + principal + "' already has " + open + " connections open, the "
          + "most one user may have at once. Close connections you no longer use (idle ones "
          + "close by themselves after " + idle.toMinutes() + " minutes).", "42000");
    }
    Entry e = new Entry(principal, clock.millis());
    connections.put(id, e);
    return e;
  }

  /** Takes back a reservation whose open failed, and only that one. */
  synchronized void abandon(String id, Entry reservation) {
    if (connections.remove(id, reservation)) {
      reservation.statements.forEach(statements::remove);
    }
  }

  /**
   * Statements one principal may hold open at once, over all its connections. An open statement
   * holds its result (up to the model's {@code max_rows}) until it is closed; an outside test
   * that created statements and never closed them took a server to 6 GB in a minute.
   */
  static final int MAX_STATEMENTS_PER_PRINCIPAL = 32;

  /**
   * Refuses a new statement on a connection whose principal holds {@link
   * #MAX_STATEMENTS_PER_PRINCIPAL} open statements already.
   */
  synchronized void checkRoomForStatement(String connectionId) {
    Entry e = connections.get(connectionId);
    if (e == null) {
      return;
    }
    int open = connections.values().stream().filter(o -> o.principal.equals(e.principal))
        .mapToInt(o -> o.statements.size()).sum();
    if (open >= MAX_STATEMENTS_PER_PRINCIPAL) {
      throw Errors.refusal("'" + e.principal + "' already has " + open + " statements open, the "
          + "most one user may have at once; each holds its result until it is closed. Close "
          + "statements (and result sets) you have finished with.", "53000");
    }
  }

  /** Forgets a connection and its statements; returns the statements, for closing. */
  synchronized Set<Integer> release(String id) {
    Entry e = connections.remove(id);
    if (e == null) {
      return Set.of();
    }
    e.statements.forEach(statements::remove);
    return Set.copyOf(e.statements);
  }

  /** Who opened a connection, or null if this registry does not know it. */
  String owner(String id) {
    Entry o = id == null ? null : connections.get(id);
    return o == null ? null : o.principal;
  }

  /**
   * Records a statement the server made on a connection. A connection closed meanwhile gets
   * nothing: the statement then belongs to no one, and requests naming it are refused.
   */
  synchronized void addStatement(String connectionId, int statementId) {
    Entry e = connections.get(connectionId);
    if (e != null) {
      statements.put(statementId, connectionId);
      e.statements.add(statementId);
    }
  }

  /** Whether a statement was made on this connection and is not closed. */
  synchronized boolean holds(String connectionId, int statementId) {
    return connectionId != null && connectionId.equals(statements.get(statementId));
  }

  synchronized void forgetStatement(String connectionId, int statementId) {
    if (holds(connectionId, statementId)) {
      statements.remove(statementId);
      Entry e = connections.get(connectionId);
      if (e != null) {
        e.statements.remove(statementId);
      }
    }
  }

  void touch(String id) {
    Entry o = connections.get(id);
    if (o != null) {
      o.lastUsed.set(clock.millis());
    }
  }

  /** Connections unused for longer than the idle limit. */
  List<String> idle() {
    long cutoff = clock.millis() - idle.toMillis();
    return connections.entrySet().stream().filter(e -> e.getValue().lastUsed.get() < cutoff)
        .map(Map.Entry::getKey).toList();
  }

  List<String> all() {
    return List.copyOf(connections.keySet());
  }

  int size() {
    return connections.size();
  }

  /** Open statements the registry knows, for tests that check nothing is left behind. */
  synchronized int statements() {
    return statements.size();
  }
}
