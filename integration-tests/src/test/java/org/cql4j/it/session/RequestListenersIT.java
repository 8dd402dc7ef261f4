package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.observability.HistoryCollector;
import org.cql4j.session.observability.HistoryListener;
import org.cql4j.session.observability.RequestDescription;
import org.cql4j.session.observability.RequestListener;
import org.cql4j.session.observability.StructuredHistory;
import org.cql4j.session.policy.DefaultRetryPolicy;
import org.cql4j.session.policy.RetryDecision;
import org.cql4j.session.policy.SimpleSpeculativeExecutionPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.profile.ExecutionProfileHandle;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The session's {@link RequestListener}s and a statement's {@link HistoryCollector} on a real
 * 3-node ring (RF 3) behind the test kit's proxy, for requests the proxy makes fail once or slows
 * down: what they are told, in which order, about which node.
 */
@CassandraTest(nodes = 3, proxy = true)
class RequestListenersIT {
  private static final String KS = "listeners_it";
  private static final String READ = "SELECT v FROM " + KS + ".kv WHERE k = ?";
  private static final String INSERT = "INSERT INTO " + KS + ".kv (k, v) VALUES (?, ?)";
  private static final ExecutionProfileHandle RETRYING =
      ExecutionProfile.builder()
          .consistency(Consistency.QUORUM)
          .retryPolicy(DefaultRetryPolicy.INSTANCE)
          .requestTimeout(Duration.ofSeconds(5))
          .build()
          .intoHandle();

  private static CqlProxy proxy;
  private static List<String> contactPoints;

  @BeforeAll
  static void schema(TestCluster cluster) {
    proxy = cluster.proxy().orElseThrow();
    contactPoints = cluster.contactPoints();
    try (Session session = Session.builder().knownNodes(contactPoints).build()) {
      session.queryUnpaged(
          "CREATE KEYSPACE IF NOT EXISTS "
              + KS
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
      session.queryUnpaged("CREATE TABLE IF NOT EXISTS " + KS + ".kv (k int PRIMARY KEY, v int)");
      session.executeUnpaged(
          session.prepare(INSERT).copy().setConsistency(Consistency.ALL), Values.of(1, 7));
    }
  }

  @Test
  void aListenerSeesEveryAttemptOfARetriedRequestInOrder() {
    Recorder recorder = new Recorder();
    try (Session session = session(recorder)) {
      PreparedStatement read = session.prepare(READ).setExecutionProfileHandle(RETRYING);
      forgeOnce(new DbError.Unavailable(Consistency.QUORUM, 2, 1));

      QueryResult result = session.executeUnpaged(read, Values.of(1));

      int second = nodeNumber(result.coordinator().address());
      int first = recorder.attemptNodes().get(0);
      assertThat(first).isNotEqualTo(second);
      assertThat(recorder.events())
          .containsExactly(
              "start",
              "attempt start on " + first + " #0",
              "attempt error on " + first + " #0: Unavailable",
              "attempt start on " + second + " #0",
              "attempt success on " + second + " #0",
              "success on " + second);
      RequestDescription request = recorder.onlyRequest();
      assertThat(request.kind()).isEqualTo("EXECUTE");
      assertThat(request.cql()).isEqualTo(READ);
      assertThat(request.keyspace()).hasValue(KS);
      assertThat(request.consistency()).isEqualTo(Consistency.QUORUM);
      assertThat(request.idempotent()).isFalse();
    }
  }

  @Test
  void aListenerIsToldTheErrorTheCallerGets() {
    Recorder recorder = new Recorder();
    try (Session session = session(recorder)) {
      PreparedStatement read = session.prepare(READ).setExecutionProfileHandle(RETRYING);
      forgeAlways(new DbError.ReadTimeout(Consistency.QUORUM, 1, 2, false));

      Throwable thrown = catchThrowable(() -> session.executeUnpaged(read, Values.of(1)));

      assertThat(thrown)
          .isInstanceOfSatisfying(
              DbException.class,
              e -> assertThat(e.error()).isInstanceOf(DbError.ReadTimeout.class));
      int node = recorder.attemptNodes().get(0);
      assertThat(recorder.events())
          .containsExactly(
              "start",
              "attempt start on " + node + " #0",
              "attempt error on " + node + " #0: ReadTimeout",
              "error: ReadTimeout");
      assertThat(recorder.requestErrors).containsExactly(thrown);
    }
  }

  /**
   * A listener that throws from every callback is logged once for the whole session; the requests
   * succeed (or fail with their own error), and the listener after it is told everything.
   */
  @Test
  void aThrowingListenerIsLoggedOnceAndFailsNoRequest() {
    RequestListener throwing =
        new RequestListener() {
          @Override
          public void onStart(RequestDescription request) {
            throw new IllegalStateException("listener bug in onStart");
          }

          @Override
          public void onSuccess(RequestDescription request, Duration latency, Node coordinator) {
            throw new IllegalStateException("listener bug in onSuccess");
          }

          @Override
          public void onError(RequestDescription request, Duration latency, Throwable error) {
            throw new IllegalStateException("listener bug in onError");
          }

          @Override
          public void onAttemptStart(RequestDescription request, Node node, int execution) {
            throw new IllegalStateException("listener bug in onAttemptStart");
          }

          @Override
          public void onAttemptSuccess(
              RequestDescription request, Node node, int execution, Duration latency) {
            throw new IllegalStateException("listener bug in onAttemptSuccess");
          }

          @Override
          public void onAttemptError(
              RequestDescription request,
              Node node,
              int execution,
              Duration latency,
              Throwable error) {
            throw new IllegalStateException("listener bug in onAttemptError");
          }

          @Override
          public String toString() {
            return "ThrowingListener";
          }
        };
    Recorder recorder = new Recorder();
    // where the session reports listeners that throw
    Logger log = (Logger) LoggerFactory.getLogger("org.cql4j.session.internal.request.Observers");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    log.addAppender(logged);
    try (Session session = session(throwing, recorder)) {
      PreparedStatement read = session.prepare(READ).setExecutionProfileHandle(RETRYING);
      forgeOnce(new DbError.Unavailable(Consistency.QUORUM, 2, 1));

      // retried: every kind of attempt callback, then onSuccess
      assertThat(
              session.executeUnpaged(read, Values.of(1)).intoRowsResult().singleRow(Integer.class))
          .isEqualTo(7);
      assertThat(
              session.executeUnpaged(read, Values.of(1)).intoRowsResult().singleRow(Integer.class))
          .isEqualTo(7);
      forgeAlways(new DbError.Invalid());
      assertThatThrownBy(() -> session.executeUnpaged(read, Values.of(1)))
          .isInstanceOfSatisfying(
              DbException.class, e -> assertThat(e.error()).isEqualTo(new DbError.Invalid()));

      assertThat(recorder.events())
          .filteredOn(e -> e.equals("start"))
          .as("requests the second listener saw start")
          .hasSize(3);
      assertThat(recorder.events()).filteredOn(e -> e.startsWith("attempt start")).hasSize(4);
      assertThat(recorder.events()).filteredOn(e -> e.startsWith("success")).hasSize(2);
      assertThat(recorder.events()).endsWith("error: Invalid");
    } finally {
      log.detachAppender(logged);
    }
    List<ILoggingEvent> warnings =
        logged.list.stream()
            .filter(e -> e.getLevel() == Level.WARN)
            .filter(e -> e.getFormattedMessage().contains("ThrowingListener"))
            .toList();
    assertThat(warnings).as("warnings about the throwing listener").hasSize(1);
    assertThat(warnings.get(0).getThrowableProxy().getMessage()).startsWith("listener bug in ");
  }

  @Test
  void aThrowingHistoryListenerFailsNoRequest() {
    HistoryListener throwing =
        new HistoryListener() {
          private long next;

          @Override
          public synchronized long onRequestStart() {
            return next++;
          }

          @Override
          public void onRequestSuccess(long requestId) {
            throw new IllegalStateException("history bug");
          }

          @Override
          public void onRequestError(long requestId, Throwable error) {
            throw new IllegalStateException("history bug");
          }

          @Override
          public long onSpeculativeFiberStart(long requestId) {
            throw new IllegalStateException("history bug");
          }

          @Override
          public long onAttemptStart(long requestId, long fiberId, InetSocketAddress node) {
            return 0;
          }

          @Override
          public void onAttemptSuccess(long attemptId) {
            throw new IllegalStateException("history bug");
          }

          @Override
          public void onAttemptError(long attemptId, Throwable error, RetryDecision decision) {
            throw new IllegalStateException("history bug");
          }
        };
    Logger log = (Logger) LoggerFactory.getLogger("org.cql4j.session.internal.request.History");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    log.addAppender(logged);
    try (Session session = session()) {
      PreparedStatement read =
          session.prepare(READ).setExecutionProfileHandle(RETRYING).setHistoryListener(throwing);
      forgeOnce(new DbError.Unavailable(Consistency.QUORUM, 2, 1));

      assertThat(
              session.executeUnpaged(read, Values.of(1)).intoRowsResult().singleRow(Integer.class))
          .isEqualTo(7);
      forgeAlways(new DbError.Invalid());
      assertThatThrownBy(() -> session.executeUnpaged(read, Values.of(1)))
          .isInstanceOfSatisfying(
              DbException.class, e -> assertThat(e.error()).isEqualTo(new DbError.Invalid()));
    } finally {
      log.detachAppender(logged);
    }
    assertThat(logged.list)
        .as("a throwing history listener is reported once, not at every callback")
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .hasSize(1);
  }

  @Test
  void theHistoryCollectorRecordsEachAttemptOfARetriedRequest() {
    try (Session session = session()) {
      HistoryCollector history = new HistoryCollector();
      PreparedStatement insert =
          session
              .prepare(INSERT)
              .setExecutionProfileHandle(RETRYING)
              .setIdempotent(true)
              .setHistoryListener(history);
      forgeOnce(new DbError.ServerError());

      QueryResult retried = session.executeUnpaged(insert, Values.of(2, 2));
      QueryResult plain = session.executeUnpaged(insert, Values.of(3, 3));

      List<StructuredHistory.RequestHistory> requests = history.structuredHistory().requests();
      assertThat(requests).hasSize(2);
      StructuredHistory.RequestHistory first = requests.get(0);
      assertThat(first.speculativeFibers()).isEmpty();
      assertThat(first.result()).hasValueSatisfying(r -> assertThat(r.isSuccess()).isTrue());
      List<StructuredHistory.AttemptHistory> attempts = first.firstFiber().attempts();
      assertThat(attempts).hasSize(2);
      StructuredHistory.Outcome failed = attempts.get(0).result().orElseThrow();
      assertThat(failed.error())
          .isInstanceOfSatisfying(
              DbException.class, e -> assertThat(e.error()).isEqualTo(new DbError.ServerError()));
      assertThat(failed.retryDecision()).isEqualTo(RetryDecision.RETRY_NEXT_TARGET);
      assertThat(attempts.get(1).result())
          .hasValueSatisfying(r -> assertThat(r.isSuccess()).isTrue());
      assertThat(attempts.get(1).node())
          .isEqualTo(retried.coordinator().address())
          .isNotEqualTo(attempts.get(0).node());
      assertThat(
              proxy.node(nodeNumber(attempts.get(0).node())).counters().forged()
                  + proxy.node(nodeNumber(attempts.get(1).node())).counters().forged())
          .isEqualTo(1);

      StructuredHistory.RequestHistory second = requests.get(1);
      assertThat(second.firstFiber().attempts())
          .singleElement()
          .satisfies(a -> assertThat(a.node()).isEqualTo(plain.coordinator().address()))
          .satisfies(a -> assertThat(a.result().orElseThrow().isSuccess()).isTrue());
      assertThat(history.structuredHistory().toString())
          .contains("Request #0", "Request #1", "failed: ", "succeeded");
    }
  }

  /**
   * The first node holds the read for a second; the speculative execution started after 100 ms on
   * another node answers, and the late answer changes nothing.
   */
  @Test
  void aSpeculativeExecutionAnswersForASlowNode() throws Exception {
    Recorder recorder = new Recorder();
    try (Session session = session(recorder)) {
      ExecutionProfileHandle speculative =
          ExecutionProfile.builder()
              .consistency(Consistency.ONE)
              .requestTimeout(Duration.ofSeconds(5))
              .speculativeExecutionPolicy(
                  new SimpleSpeculativeExecutionPolicy(1, Duration.ofMillis(100)))
              .build()
              .intoHandle();
      HistoryCollector history = new HistoryCollector();
      PreparedStatement read =
          session
              .prepare(READ)
              .setExecutionProfileHandle(speculative)
              .setIdempotent(true)
              .setHistoryListener(history);
      proxy.rules().add(executes().times(1), Action.delay(Duration.ofSeconds(1)));

      long start = System.nanoTime();
      QueryResult result = session.executeUnpaged(read, Values.of(1));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(result.intoRowsResult().singleRow(Integer.class)).isEqualTo(7);
      assertThat(took).isLessThan(Duration.ofMillis(800));
      StructuredHistory.RequestHistory request =
          history.structuredHistory().requests().stream().findFirst().orElseThrow();
      assertThat(request.result()).hasValueSatisfying(r -> assertThat(r.isSuccess()).isTrue());
      int slow = nodeNumber(request.firstFiber().attempts().get(0).node());
      int fast = nodeNumber(result.coordinator().address());
      assertThat(fast).isNotEqualTo(slow);
      assertThat(request.firstFiber().attempts()).hasSize(1);
      assertThat(request.speculativeFibers())
          .singleElement()
          .satisfies(
              fiber ->
                  assertThat(fiber.attempts())
                      .singleElement()
                      .satisfies(a -> assertThat(nodeNumber(a.node())).isEqualTo(fast))
                      .satisfies(a -> assertThat(a.result().orElseThrow().isSuccess()).isTrue()));
      List<String> expected =
          List.of(
              "start",
              "attempt start on " + slow + " #0",
              "speculative #1",
              "attempt start on " + fast + " #1",
              "attempt success on " + fast + " #1",
              "success on " + fast);
      assertThat(recorder.events()).containsExactlyElementsOf(expected);

      // the slow node's answer arrives, and is dropped without a word to the listeners
      long answers = proxy.node(slow).counters().frames(Opcode.RESULT);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (proxy.node(slow).counters().frames(Opcode.RESULT) == answers) {
        assertThat(System.nanoTime()).as("the slow node's answer").isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(20);
      }
      TimeUnit.MILLISECONDS.sleep(100);
      assertThat(recorder.events()).containsExactlyElementsOf(expected);
      assertThat(history.structuredHistory().requests()).hasSize(1);
      assertThat(proxy.node(slow).counters().frames(Opcode.EXECUTE)).isEqualTo(1);
      assertThat(proxy.node(fast).counters().frames(Opcode.EXECUTE)).isEqualTo(1);
    }
  }

  @Test
  void aStatementNotKnownToBeIdempotentIsNeverSpeculated() {
    Recorder recorder = new Recorder();
    try (Session session = session(recorder)) {
      ExecutionProfileHandle speculative =
          ExecutionProfile.builder()
              .consistency(Consistency.ONE)
              .requestTimeout(Duration.ofSeconds(5))
              .speculativeExecutionPolicy(
                  new SimpleSpeculativeExecutionPolicy(2, Duration.ofMillis(20)))
              .build()
              .intoHandle();
      HistoryCollector history = new HistoryCollector();
      PreparedStatement read =
          session.prepare(READ).setExecutionProfileHandle(speculative).setHistoryListener(history);
      proxy.rules().add(executes().times(1), Action.delay(Duration.ofMillis(300)));

      long start = System.nanoTime();
      QueryResult result = session.executeUnpaged(read, Values.of(1));

      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      StructuredHistory.RequestHistory request = history.structuredHistory().requests().get(0);
      assertThat(request.speculativeFibers()).isEmpty();
      assertThat(request.firstFiber().attempts())
          .singleElement()
          .satisfies(a -> assertThat(a.node()).isEqualTo(result.coordinator().address()));
      int node = nodeNumber(result.coordinator().address());
      assertThat(recorder.events())
          .containsExactly(
              "start",
              "attempt start on " + node + " #0",
              "attempt success on " + node + " #0",
              "success on " + node);
    }
  }

  // ---- helpers ----

  /**
   * Writes down what it is told about the EXECUTE requests of this class's keyspace, one line per
   * callback, with the proxy's node numbers.
   */
  private static final class Recorder implements RequestListener {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> attemptNodes = Collections.synchronizedList(new ArrayList<>());
    private final Set<RequestDescription> requests =
        Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    final List<Throwable> requestErrors = Collections.synchronizedList(new ArrayList<>());

    private boolean mine(RequestDescription request) {
      boolean mine = request.kind().equals("EXECUTE") && request.cql().contains(KS + ".");
      if (mine) {
        requests.add(request);
      }
      return mine;
    }

    List<String> events() {
      synchronized (events) {
        return List.copyOf(events);
      }
    }

    List<Integer> attemptNodes() {
      synchronized (attemptNodes) {
        return List.copyOf(attemptNodes);
      }
    }

    RequestDescription onlyRequest() {
      synchronized (requests) {
        assertThat(requests).as("requests (one description object per request)").hasSize(1);
        return requests.iterator().next();
      }
    }

    @Override
    public void onStart(RequestDescription request) {
      if (mine(request)) {
        events.add("start");
      }
    }

    @Override
    public void onSuccess(RequestDescription request, Duration latency, Node coordinator) {
      if (mine(request)) {
        events.add("success on " + nodeNumber(coordinator.address()));
      }
    }

    @Override
    public void onError(RequestDescription request, Duration latency, Throwable error) {
      if (mine(request)) {
        events.add("error: " + errorName(error));
        requestErrors.add(error);
      }
    }

    @Override
    public void onAttemptStart(RequestDescription request, Node node, int execution) {
      if (mine(request)) {
        attemptNodes.add(nodeNumber(node.address()));
        events.add("attempt start on " + nodeNumber(node.address()) + " #" + execution);
      }
    }

    @Override
    public void onAttemptSuccess(
        RequestDescription request, Node node, int execution, Duration latency) {
      if (mine(request)) {
        events.add("attempt success on " + nodeNumber(node.address()) + " #" + execution);
      }
    }

    @Override
    public void onAttemptError(
        RequestDescription request, Node node, int execution, Duration latency, Throwable error) {
      if (mine(request)) {
        events.add(
            "attempt error on "
                + nodeNumber(node.address())
                + " #"
                + execution
                + ": "
                + errorName(error));
      }
    }

    @Override
    public void onSpeculativeExecution(RequestDescription request, int execution) {
      if (mine(request)) {
        events.add("speculative #" + execution);
      }
    }

    private static String errorName(Throwable error) {
      return error instanceof DbException db
          ? db.error().getClass().getSimpleName()
          : error.getClass().getSimpleName();
    }
  }

  private static Session session(RequestListener... listeners) {
    var builder = Session.builder().knownNodes(contactPoints);
    for (RequestListener listener : listeners) {
      builder.requestListener(listener);
    }
    return builder.build();
  }

  private static Condition executes() {
    return Condition.requestOpcode(Opcode.EXECUTE).and(Condition.table(KS, "kv"));
  }

  /** The first EXECUTE of the table, on whichever node, gets the error. */
  private static void forgeOnce(DbError error) {
    proxy.rules().add(executes().times(1), Action.forgeError(error, "forged " + error));
  }

  private static void forgeAlways(DbError error) {
    proxy.rules().add(executes(), Action.forgeError(error, "forged " + error));
  }

  private static Throwable catchThrowable(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected the call to fail");
  }

  private static int nodeNumber(InetSocketAddress address) {
    for (int n = 1; n <= 3; n++) {
      if (Objects.equals(proxy.node(n).proxyAddress(), address)) {
        return n;
      }
    }
    throw new AssertionError(address + " is not a proxied node");
  }
}
