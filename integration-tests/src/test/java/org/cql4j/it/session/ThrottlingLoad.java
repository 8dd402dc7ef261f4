package org.cql4j.it.session;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Session;
import org.cql4j.session.errors.RequestThrottledException;
import org.cql4j.session.statement.PreparedStatement;

/**
 * The load of {@link ThrottlingIT}, run in a JVM of its own with a small heap: 200,000 asynchronous
 * writes as fast as the caller can issue them, against a node the proxy slows down. Prints one line
 * {@code completed=... succeeded=... throttled=... other=... peakInFlight=...} and exits 0 when
 * every future completed in time.
 */
public final class ThrottlingLoad {
  static final int REQUESTS = 200_000;
  static final int MAX_IN_FLIGHT = 128;
  static final int MAX_QUEUED = 1_024;

  private ThrottlingLoad() {}

  /**
   * Runs the load.
   *
   * @param args the contact point, {@code host:port}
   * @throws Exception if the session cannot be opened
   */
  public static void main(String[] args) throws Exception {
    try (Session session =
        Session.builder()
            .knownNode(args[0])
            .maxConcurrentRequests(MAX_IN_FLIGHT, MAX_QUEUED)
            .build()) {
      PreparedStatement insert =
          session.prepare("INSERT INTO throttling.kv (k, v) VALUES (?, ?)").setIdempotent(true);
      CountDownLatch completed = new CountDownLatch(REQUESTS);
      AtomicLong succeeded = new AtomicLong();
      AtomicLong throttled = new AtomicLong();
      AtomicLong other = new AtomicLong();
      AtomicLong peak = new AtomicLong();
      byte[] value = new byte[256];
      for (int i = 0; i < REQUESTS; i++) {
        session
            .executeUnpagedAsync(insert, Values.of(i, value))
            .whenComplete(
                (r, e) -> {
                  if (e == null) {
                    succeeded.incrementAndGet();
                  } else if (e instanceof RequestThrottledException) {
                    throttled.incrementAndGet();
                  } else {
                    other.incrementAndGet();
                  }
                  completed.countDown();
                });
        if ((i & 1023) == 0) {
          peak.accumulateAndGet(session.getMetrics().requestsInFlight(), Math::max);
        }
      }
      boolean all = completed.await(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS);
      System.out.println(
          "completed="
              + (REQUESTS - completed.getCount())
              + " succeeded="
              + succeeded
              + " throttled="
              + throttled
              + " other="
              + other
              + " peakInFlight="
              + peak);
      System.exit(all ? 0 : 2);
    }
  }
}
