package io.asklayer.engine.warehouse;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one open {@link Warehouse} among the sessions that use it, so a DuckDB file is opened and its
 * metadata read once per process, and closes it when the last session lets go.
 */
public final class WarehouseRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseRegistry.class);

  /** The process-wide registry. */
  public static final WarehouseRegistry INSTANCE = new WarehouseRegistry();

  private record Key(String url, String calciteSchema, String warehouseSchema) {
  }

  private static final class Entry {
    final Warehouse warehouse;
    int users;

    Entry(Warehouse warehouse) {
      this.warehouse = warehouse;
    }
  }

  private final Map<Key, Entry> open = new HashMap<>();

  /** A warehouse borrowed from the registry; closing it gives it back. */
  public final class Lease implements AutoCloseable {
    private final Key key;
    private final Warehouse warehouse;
    private boolean closed;

    private Lease(Key key, Warehouse warehouse) {
      this.key = key;
      this.warehouse = warehouse;
    }

    public Warehouse warehouse() {
      return warehouse;
    }

    @Override public void close() {
      synchronized (WarehouseRegistry.this) {
        if (closed) {
          return;
        }
        closed = true;
        release(key);
      }
    }
  }

  /**
   * Borrows the warehouse at {@code url}, opening it if no session has it open.
   *
   * @param memoryLimit the embedded warehouse's memory limit (see {@link Warehouse#open}); the
   *     session that opens it sets it, and one that borrows it open with another limit is logged
   * @see Warehouse#open(String, String, String, String)
   */
  public synchronized Lease acquire(String url, String calciteSchema, String warehouseSchema,
      String memoryLimit) throws SQLException {
    Key key = new Key(url, calciteSchema, warehouseSchema);
    Entry e = open.get(key);
    if (e == null) {
      e = new Entry(Warehouse.open(url, calciteSchema, warehouseSchema, memoryLimit));
      open.put(key, e);
    } else if (!e.warehouse.memoryLimit().equals(memoryLimit)) {
      LOG.warn("Warehouse {} is open with memory limit {}; a session asked for {}", url,
          e.warehouse.memoryLimit(), memoryLimit);
    }
    e.users++;
    return new Lease(key, e.warehouse);
  }

  private void release(Key key) {
    Entry e = open.get(key);
    if (e != null && --e.users == 0) {
      open.remove(key);
      try {
        e.warehouse.close();
      } catch (SQLException ex) {
        LOG.warn("Closing warehouse {} failed: {}", key.url(), ex.getMessage());
      }
    }
  }
}
