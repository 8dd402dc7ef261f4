package org.cql4j.testkit.proxy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The tablets of the tables the ScyllaDB emulation treats as tablet tables, set by the test and
 * changeable while traffic flows (a migration is a {@link #set} with new replicas); thread-safe.
 *
 * <p>A request for a table listed here is checked against its tablet instead of the token ring;
 * reaching a node or shard that is not a replica earns a {@code tablets-routing-v1} payload.
 */
public final class TabletMap {
  private final Map<String, List<Tablet>> tables = new ConcurrentHashMap<>();

  /** Creates an empty map. */
  public TabletMap() {}

  /**
   * Sets (or replaces) a table's tablets.
   *
   * @param tablets ranges that should cover the whole ring without overlapping; a token outside
   *     every range is treated as unroutable
   */
  public void set(String keyspace, String table, List<Tablet> tablets) {
    tables.put(key(keyspace, table), List.copyOf(tablets));
  }

  /** Forgets a table's tablets. */
  public void remove(String keyspace, String table) {
    tables.remove(key(keyspace, table));
  }

  /** Forgets every table. */
  public void clear() {
    tables.clear();
  }

  /** A table's tablets, empty when it has none here. */
  public Optional<List<Tablet>> get(String keyspace, String table) {
    return Optional.ofNullable(tables.get(key(keyspace, table)));
  }

  /** The tablet owning {@code token} in a table. */
  public Optional<Tablet> find(String keyspace, String table, long token) {
    List<Tablet> tablets = tables.get(key(keyspace, table));
    if (tablets == null) {
      return Optional.empty();
    }
    for (Tablet t : tablets) {
      if (t.contains(token)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Moves the tablet owning {@code token} to other replicas, bumping its version.
   *
   * @return the migrated tablet
   * @throws IllegalArgumentException if the table has no tablet owning the token
   */
  public Tablet migrate(String keyspace, String table, long token, List<TabletReplica> replicas) {
    Tablet[] moved = new Tablet[1];
    tables.computeIfPresent(
        key(keyspace, table),
        (k, tablets) -> {
          List<Tablet> out = new ArrayList<>(tablets);
          for (int i = 0; i < out.size(); i++) {
            if (out.get(i).contains(token)) {
              moved[0] = out.get(i).migratedTo(replicas);
              out.set(i, moved[0]);
            }
          }
          return List.copyOf(out);
        });
    if (moved[0] == null) {
      throw new IllegalArgumentException(
          "no tablet of " + keyspace + "." + table + " owns token " + token);
    }
    return moved[0];
  }

  /**
   * Splits the whole Murmur3 ring into {@code count} equal tablets.
   *
   * @param replicas the replicas of the i-th tablet, i from 0
   * @return the tablets in token order, the first starting at {@link Long#MIN_VALUE} (exclusive)
   */
  public static List<Tablet> evenly(int count, IntFunction<List<TabletReplica>> replicas) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, was " + count);
    }
    BigInteger min = BigInteger.valueOf(Long.MIN_VALUE);
    BigInteger span = BigInteger.valueOf(Long.MAX_VALUE).subtract(min);
    List<Tablet> out = new ArrayList<>(count);
    long first = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      long last =
          i == count - 1
              ? Long.MAX_VALUE
              : min.add(span.multiply(BigInteger.valueOf(i + 1)).divide(BigInteger.valueOf(count)))
                  .longValueExact();
      out.add(new Tablet(first, last, replicas.apply(i)));
      first = last;
    }
    return out;
  }

  private static String key(String keyspace, String table) {
    return keyspace + "." + table;
  }
}
