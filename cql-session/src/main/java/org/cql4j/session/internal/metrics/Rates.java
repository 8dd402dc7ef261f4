package org.cql4j.session.internal.metrics;

/**
 * Queries per second: the mean since the start and exponentially weighted moving averages over one,
 * five and fifteen minutes, updated by the metrics tick from a total count (the way Unix load
 * averages and Dropwizard's meters compute them). Thread-safe: the tick writes under this lock,
 * readers read volatile fields.
 */
final class Rates {
  static final long TICK_SECONDS = 5;
  private static final double[] ALPHAS = {alpha(1), alpha(5), alpha(15)};

  private final long startNanos = System.nanoTime();
  private long lastTotal; // guarded by this
  private boolean initialized; // guarded by this
  private volatile double one;
  private volatile double five;
  private volatile double fifteen;

  private static double alpha(int minutes) {
    return 1 - Math.exp(-TICK_SECONDS / 60.0 / minutes);
  }

  /**
   * Folds in the count of the tick that just ended.
   *
   * @param total the count since the start
   */
  synchronized void tick(long total) {
    double rate = (double) (total - lastTotal) / TICK_SECONDS;
    lastTotal = total;
    if (!initialized) {
      one = rate;
      five = rate;
      fifteen = rate;
      initialized = true;
      return;
    }
    one += ALPHAS[0] * (rate - one);
    five += ALPHAS[1] * (rate - five);
    fifteen += ALPHAS[2] * (rate - fifteen);
  }

  double mean(long total) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return seconds <= 0 ? 0 : total / seconds;
  }

  double oneMinute() {
    return one;
  }

  double fiveMinutes() {
    return five;
  }

  double fifteenMinutes() {
    return fifteen;
  }
}
