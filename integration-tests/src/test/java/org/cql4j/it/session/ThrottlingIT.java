package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.cql4j.testkit.proxy.Direction;
import org.junit.jupiter.api.Test;

/**
 * Overload: an application that sends faster than the cluster answers. 200,000 asynchronous writes
 * against a node the proxy slows down (every answer 50 ms late), from a JVM with a 96 MiB heap and
 * a session limited to 128 requests in flight and 1,024 waiting: every future completes, the writes
 * beyond the limits fail at once with {@code RequestThrottledException}, the requests the session
 * holds never exceed the limits, and the heap holds.
 */
@CassandraTest(proxy = true)
class ThrottlingIT {

  @Test
  void twoHundredThousandAsyncWritesAgainstASlowedNodeStayBounded(TestCluster cassandra)
      throws Exception {
    try (Session session = Session.builder().knownNodes(cassandra.contactPoints()).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS throttling WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.queryUnpaged("CREATE TABLE IF NOT EXISTS throttling.kv (k int PRIMARY KEY, v blob)");
    }
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    proxy
        .rules()
        .add(
            Condition.direction(Direction.RESPONSE).and(Condition.queryContains("throttling.kv")),
            Action.delay(Duration.ofMillis(50)));
    try {
      Map<String, Long> result = runLoad(cassandra.contactPoints().get(0));
      System.out.println("ThrottlingLoad: " + result);
      assertThat(result.get("completed")).isEqualTo(ThrottlingLoad.REQUESTS);
      assertThat(result.get("other")).as("only throttling refuses requests").isZero();
      assertThat(result.get("succeeded") + result.get("throttled"))
          .isEqualTo(ThrottlingLoad.REQUESTS);
      assertThat(result.get("throttled")).as("the caller outruns a slowed node").isPositive();
      assertThat(result.get("succeeded"))
          .as("the limit lets work through")
          .isGreaterThanOrEqualTo(ThrottlingLoad.MAX_IN_FLIGHT);
      // the metric counts a request from its submission to its completion, so for an instant a
      // completing request and the waiting one its permit starts both count: one per event loop
      assertThat(result.get("peakInFlight"))
          .isLessThanOrEqualTo(ThrottlingLoad.MAX_IN_FLIGHT + ThrottlingLoad.MAX_QUEUED + 8L);
    } finally {
      proxy.rules().clear();
    }
  }

  /**
   * A request whose future the caller cancels (as a paging subscriber does when it cancels, or
   * {@code orTimeout} when it fires) gives back its permit and its serialized values at once: the
   * next request is admitted although the cancelled one's answer has not come, and nothing leaks
   * when the answer arrives (the leak check would fail the class).
   */
  @Test
  void aCancelledRequestGivesBackItsPermitAtOnce(TestCluster cassandra) throws Exception {
    CqlProxy proxy = cassandra.proxy().orElseThrow();
    try (Session session =
        Session.builder()
            .knownNodes(cassandra.contactPoints())
            .maxConcurrentRequests(1, 0)
            .build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS throttling WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.queryUnpaged("CREATE TABLE IF NOT EXISTS throttling.kv (k int PRIMARY KEY, v blob)");
      PreparedStatement select = session.prepare("SELECT v FROM throttling.kv WHERE k = ?");
      proxy
          .rules()
          .add(
              Condition.direction(Direction.RESPONSE).and(Condition.queryContains("throttling.kv")),
              Action.delay(Duration.ofSeconds(1)));
      for (int i = 0; i < 20; i++) {
        CompletableFuture<QueryResult> slow = session.executeUnpagedAsync(select, Values.of(i));
        assertThat(slow.cancel(false)).isTrue();
      }
      proxy.rules().clear();
      assertThat(session.executeUnpaged(select, Values.of(1)).isRows())
          .as("admitted: every cancelled request gave its permit back")
          .isTrue();
      Thread.sleep(1_500); // the cancelled requests' answers arrive, and are dropped
    } finally {
      proxy.rules().clear();
    }
  }

  private static Map<String, Long> runLoad(String contactPoint)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xmx96m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ThrottlingLoad.class.getName(),
                    contactPoint))
            .redirectErrorStream(true)
            .start();
    String output;
    try {
      assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("the load finishes").isTrue();
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      process.destroyForcibly();
    }
    assertThat(process.exitValue()).as("exit status; output:\n%s", output).isZero();
    String line = output.lines().filter(l -> l.startsWith("completed=")).findFirst().orElseThrow();
    Map<String, Long> values = new HashMap<>();
    for (String pair : line.split(" ")) {
      String[] kv = pair.split("=");
      values.put(kv[0], Long.parseLong(kv[1]));
    }
    return values;
  }
}
