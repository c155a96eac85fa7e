package io.asklayer.server;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which principal opened each client connection, and when it was last used. Avatica's connection
 * ids are chosen by clients and global to the server; this is what stops one client from using a
 * connection another opened, caps connections per principal, and finds idle ones to close.
 */
final class ConnectionRegistry {
  private record Owner(String principal, AtomicLong lastUsed) {
  }

  private final Map<String, Owner> owners = new ConcurrentHashMap<>();
  private final int maxPerPrincipal;
  private final Duration idle;
  private final Clock clock;

  ConnectionRegistry(int maxPerPrincipal, Duration idle, Clock clock) {
    this.maxPerPrincipal = maxPerPrincipal;
    this.idle = idle;
    this.clock = clock;
  }

  /** Records a connection being opened, or refuses a principal at its limit. */
  synchronized void reserve(String id, String principal) {
    long open = owners.values().stream().filter(o -> o.principal().equals(principal)).count();
    if (open >= maxPerPrincipal) {
      throw Errors.refusal("'" + principal + "' already has " + open + " connections open, the "
          + "most one user may have at once. Close connections you no longer use (idle ones "
          + "close by themselves after " + idle.toMinutes() + " minutes).", "42000");
    }
    owners.put(id, new Owner(principal, new AtomicLong(clock.millis())));
  }

  void release(String id) {
    owners.remove(id);
  }

  /** Who opened a connection, or null if this registry does not know it. */
  String owner(String id) {
    Owner o = owners.get(id);
    return o == null ? null : o.principal();
  }

  void touch(String id) {
    Owner o = owners.get(id);
    if (o != null) {
      o.lastUsed().set(clock.millis());
    }
  }

  /** Connections unused for longer than the idle limit. */
  List<String> idle() {
    long cutoff = clock.millis() - idle.toMillis();
    return owners.entrySet().stream().filter(e -> e.getValue().lastUsed().get() < cutoff)
        .map(Map.Entry::getKey).toList();
  }

  List<String> all() {
    return List.copyOf(owners.keySet());
  }

  int size() {
    return owners.size();
  }
}
