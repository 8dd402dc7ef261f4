package org.cql4j.it.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.QueryRowsResult;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.Statement;

/**
 * Writers of new rows and readers of known rows, each a thread making blocking QUORUM requests
 * through one session until closed. Every write is a new key; an acknowledged one is remembered
 * with the phase it was acknowledged in. Every read checks the value it gets against the one
 * written before the load started. What each request did goes to the current phase's {@link
 * PhaseStats}.
 */
final class ChaosLoad implements AutoCloseable {
  /** Rows of {@code chaos.known}, written before the load starts. */
  static final int KNOWN_ROWS = 1_000;

  private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(20);

  private final Session session;
  private final PreparedStatement write;
  private final PreparedStatement read;
  private final Duration timeout;
  private final Map<Long, Integer> acknowledged = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile PhaseStats stats;
  private volatile int phase;
  private volatile boolean running = true;

  /** Creates the tables, writes the known rows and starts the threads. */
  ChaosLoad(Session session, int writers, int readers, Duration timeout, PhaseStats first) {
    this.session = session;
    this.timeout = timeout;
    this.stats = first;
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS chaos WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 3}");
    session.queryUnpaged("CREATE TABLE IF NOT EXISTS chaos.known (k int PRIMARY KEY, v text)");
    session.queryUnpaged("CREATE TABLE IF NOT EXISTS chaos.acked (k bigint PRIMARY KEY, v bigint)");
    PreparedStatement fill =
        session.prepare(
            new Statement("INSERT INTO chaos.known (k, v) VALUES (?, ?)")
                .setConsistency(Consistency.ALL));
    for (int k = 0; k < KNOWN_ROWS; k++) {
      session.executeUnpaged(fill, Values.of(k, knownValue(k)));
    }
    write =
        session.prepare(
            new Statement("INSERT INTO chaos.acked (k, v) VALUES (?, ?)")
                .setConsistency(Consistency.QUORUM)
                .setRequestTimeout(timeout)
                .setIdempotent(true));
    read =
        session.prepare(
            new Statement("SELECT v FROM chaos.known WHERE k = ?")
                .setConsistency(Consistency.QUORUM)
                .setRequestTimeout(timeout)
                .setIdempotent(true));
    for (int i = 0; i < writers; i++) {
      int writer = i;
      threads.add(start("chaos-writer-" + i, () -> writeLoop(writer)));
    }
    for (int i = 0; i < readers; i++) {
      long seed = i;
      threads.add(start("chaos-reader-" + i, () -> readLoop(seed)));
    }
  }

  static String knownValue(int k) {
    return "known-" + k + "-" + Integer.toHexString(k * 0x9E3779B9);
  }

  static long ackedValue(long k) {
    return k * 0x9E3779B97F4A7C15L;
  }

  /** Sends what the threads do from now on to {@code next}, counted as phase {@code number}. */
  void record(PhaseStats next, int number) {
    phase = number;
    stats = next;
  }

  /** The acknowledged keys of {@code chaos.acked}, each with the phase that saw it acknowledged. */
  Map<Long, Integer> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  /**
   * Stops the threads and waits for each at most its request timeout and {@code margin}.
   *
   * @return the names of threads still busy after that: requests that hang
   */
  List<String> stop(Duration margin) throws InterruptedException {
    running = false;
    long deadline = System.nanoTime() + timeout.plus(margin).toNanos();
    List<String> hung = new ArrayList<>();
    for (Thread thread : threads) {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      if (thread.isAlive()) {
        hung.add(thread.getName());
      }
    }
    return hung;
  }

  @Override
  public void close() throws InterruptedException {
    stop(Duration.ofSeconds(5));
  }

  private void writeLoop(int writer) {
    for (int seq = 0; running; seq++) {
      long k = ((long) writer << 32) | seq;
      PhaseStats current = stats;
      int currentPhase = phase;
      long start = System.nanoTime();
      try {
        session.executeUnpaged(write, Values.of(k, ackedValue(k)));
        acknowledged.put(k, currentPhase);
        current.lateness(System.nanoTime() - start, timeout);
        current.succeeded(System.nanoTime(), true);
      } catch (RuntimeException e) {
        failed(current, start, e);
      }
    }
  }

  private void readLoop(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    while (running) {
      int k = random.nextInt(KNOWN_ROWS);
      PhaseStats current = stats;
      long start = System.nanoTime();
      try {
        QueryRowsResult rows = session.executeUnpaged(read, Values.of(k)).intoRowsResult();
        current.lateness(System.nanoTime() - start, timeout);
        String value = rows.rowsNumber() == 1 ? rows.singleRow(String.class) : null;
        if (!knownValue(k).equals(value)) {
          current.wrongAnswer("k=" + k + " read " + value + " (" + rows.rowsNumber() + " rows)");
        }
        current.succeeded(System.nanoTime(), false);
      } catch (RuntimeException e) {
        failed(current, start, e);
      }
    }
  }

  /**
   * Records a failed request, then waits a little so that a cluster that is down is not spun on.
   */
  private void failed(PhaseStats current, long start, RuntimeException e) {
    current.lateness(System.nanoTime() - start, timeout);
    current.failed(e);
    pause();
  }

  private static Thread start(String name, Runnable loop) {
    Thread thread = new Thread(loop, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void pause() {
    try {
      Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
