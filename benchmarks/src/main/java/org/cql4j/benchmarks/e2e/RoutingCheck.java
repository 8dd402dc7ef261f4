package org.cql4j.benchmarks.e2e;

import java.util.function.IntSupplier;

/**
 * Makes sure a driver can route by token before it is measured on a ring, stateless and
 * thread-safe: a driver that does not know the replicas of {@code bench} would silently send its
 * requests round-robin, and the comparison would no longer be like for like.
 */
final class RoutingCheck {
  private static final long PATIENCE_NANOS = 10_000_000_000L;

  private RoutingCheck() {}

  /**
   * Waits up to 10 s for the driver to know the replicas of a token of {@code bench}, then reports
   * them on standard error.
   *
   * @param driver the driver's description, for the messages
   * @param replicas how many replicas the driver knows for partition key 0
   * @throws IllegalStateException if it still knows none
   * @throws InterruptedException if interrupted while waiting
   */
  static void requireReplicas(String driver, IntSupplier replicas) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE_NANOS;
    int known = replicas.getAsInt();
    while (known == 0 && System.nanoTime() - deadline < 0) {
      Thread.sleep(100);
      known = replicas.getAsInt();
    }
    if (known == 0) {
      throw new IllegalStateException(
          driver
              + " knows no replica of keyspace bench after 10 s, so it would not route by token;"
              + " check its token and schema metadata settings");
    }
    System.err.println(
        "[" + driver + "] token-aware: " + known + " replica(s) of bench.items pk 0");
  }
}
