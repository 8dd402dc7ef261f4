package org.cql4j.it.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.DbException;
import org.cql4j.protocol.errors.WriteType;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.value.Values;
import org.cql4j.session.Node;
import org.cql4j.session.QueryResult;
import org.cql4j.session.Session;
import org.cql4j.session.errors.ConnectionException;
import org.cql4j.session.errors.NoHostAvailableException;
import org.cql4j.session.observability.HistoryCollector;
import org.cql4j.session.observability.StructuredHistory;
import org.cql4j.session.policy.DefaultRetryPolicy;
import org.cql4j.session.policy.DowngradingConsistencyRetryPolicy;
import org.cql4j.session.policy.FallthroughRetryPolicy;
import org.cql4j.session.policy.RetryDecision;
import org.cql4j.session.policy.RetryPolicy;
import org.cql4j.session.profile.ExecutionProfile;
import org.cql4j.session.statement.Batch;
import org.cql4j.session.statement.BatchType;
import org.cql4j.session.statement.PreparedStatement;
import org.cql4j.session.statement.StatementSettings;
import org.cql4j.testkit.CassandraTest;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.TestCluster;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.cql4j.testkit.proxy.Direction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every decision of the three shipped retry policies, on a real 3-node ring (RF 3) behind the test
 * kit's proxy: the proxy forges the server error (or cuts the connection) for the first request of
 * the test's table wherever it lands, and records every request that reached it. Each test checks
 * whether the request was retried, on which node (the same or another, from the statement's {@link
 * HistoryCollector} and the proxy's record), at which consistency, and what the caller gets.
 *
 * <p>Routing stays deterministic without pinning a coordinator: the rules hold for every node, and
 * the assertions compare the nodes of the attempts with each other.
 */
@CassandraTest(nodes = 3, proxy = true)
class RetryDecisionsIT {
  private static final String KS = "retry_it";
  private static final int READ_KEY = 1;
  private static final String FORGED = "forged by the proxy";
  private static final ExecutionProfile BASE =
      ExecutionProfile.builder()
          .consistency(Consistency.QUORUM)
          .requestTimeout(Duration.ofSeconds(5))
          .build();

  private static CqlProxy proxy;
  private static List<String> contactPoints;
  private static Session session;
  private static PreparedStatement read;
  private static PreparedStatement insert;
  private static PreparedStatement insertIfNotExists;
  private static PreparedStatement addToCounter;
  private static final AtomicInteger keys = new AtomicInteger(1_000);

  /** A request of this class's keyspace that reached the proxy (forged or forwarded). */
  private record Sent(int node, Opcode opcode, Consistency consistency) {}

  private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();

  /** The statement kinds whose writes produce each write type on a real server. */
  enum Kind {
    READ,
    INSERT,
    LOGGED_BATCH,
    UNLOGGED_BATCH,
    COUNTER,
    CAS
  }

  @BeforeAll
  static void schema(TestCluster cluster) {
    proxy = cluster.proxy().orElseThrow();
    contactPoints = cluster.contactPoints();
    session = Session.builder().knownNodes(contactPoints).build();
    session.queryUnpaged(
        "CREATE KEYSPACE IF NOT EXISTS "
            + KS
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    session.queryUnpaged("CREATE TABLE IF NOT EXISTS " + KS + ".kv (k int PRIMARY KEY, v int)");
    session.queryUnpaged(
        "CREATE TABLE IF NOT EXISTS " + KS + ".hits (k int PRIMARY KEY, n counter)");
    session.executeUnpaged(
        session
            .prepare("INSERT INTO " + KS + ".kv (k, v) VALUES (?, ?)")
            .copy()
            .setConsistency(Consistency.ALL),
        Values.of(READ_KEY, 42));
    read = session.prepare("SELECT v FROM " + KS + ".kv WHERE k = ?");
    insert = session.prepare("INSERT INTO " + KS + ".kv (k, v) VALUES (?, ?)");
    insertIfNotExists =
        session.prepare("INSERT INTO " + KS + ".kv (k, v) VALUES (?, ?) IF NOT EXISTS");
    addToCounter = session.prepare("UPDATE " + KS + ".hits SET n = n + ? WHERE k = ?");
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  /** Records the requests of the keyspace on every node (a node's rules run before the proxy's). */
  @BeforeEach
  void recordRequests() {
    for (int n = 1; n <= 3; n++) {
      proxy
          .node(n)
          .rules()
          .add(
              frame -> {
                if (frame.direction() == Direction.REQUEST
                    && frame.query().filter(q -> q.contains(KS + ".")).isPresent()) {
                  frame
                      .opcode()
                      .filter(o -> o == Opcode.EXECUTE || o == Opcode.QUERY || o == Opcode.BATCH)
                      .ifPresent(
                          o ->
                              sent.add(
                                  new Sent(frame.node(), o, frame.consistency().orElse(null))));
                }
                return false;
              },
              Action.forward());
    }
  }

  // ---- DefaultRetryPolicy ----

  @Test
  void defaultRetriesAReadTimeoutWithoutDataOnceOnTheSameNode() {
    forgeOnce(new DbError.ReadTimeout(Consistency.QUORUM, 2, 2, false));

    Outcome o = run(Kind.READ, DefaultRetryPolicy.INSTANCE, false, Consistency.QUORUM);

    assertThat(o.readValue()).isEqualTo(42);
    assertThat(o.decisions()).containsExactly(RetryDecision.RETRY_SAME_TARGET, null);
    int first = o.nodes().get(0);
    assertThat(o.nodes()).containsExactly(first, first);
    assertThat(sent)
        .containsExactly(
            new Sent(first, Opcode.EXECUTE, Consistency.QUORUM),
            new Sent(first, Opcode.EXECUTE, Consistency.QUORUM));
  }

  @Test
  void defaultRetriesAReadTimeoutOnlyOnce() {
    DbError timeout = new DbError.ReadTimeout(Consistency.QUORUM, 2, 2, false);
    forgeAlways(timeout);

    Outcome o = run(Kind.READ, DefaultRetryPolicy.INSTANCE, true, Consistency.QUORUM);

    assertThat(o.dbError()).isEqualTo(timeout);
    assertThat(o.decisions())
        .containsExactly(RetryDecision.RETRY_SAME_TARGET, RetryDecision.DONT_RETRY);
    assertThat(o.nodes()).hasSize(2).containsOnly(o.nodes().get(0));
  }

  static Stream<DbError> readTimeoutsNotWorthRetrying() {
    return Stream.of(
        // too few replicas answered: a retry would most likely time out again
        new DbError.ReadTimeout(Consistency.QUORUM, 1, 2, false),
        // the data came back: the coordinator was waiting for a digest, a retry will not help
        new DbError.ReadTimeout(Consistency.QUORUM, 2, 2, true));
  }

  @ParameterizedTest
  @MethodSource("readTimeoutsNotWorthRetrying")
  void defaultDoesNotRetryAReadTimeoutWithTooFewAnswersOrWithData(DbError timeout) {
    forgeAlways(timeout);

    Outcome o = run(Kind.READ, DefaultRetryPolicy.INSTANCE, true, Consistency.QUORUM);

    assertThat(o.dbError()).isEqualTo(timeout);
    assertThat(o.decisions()).containsExactly(RetryDecision.DONT_RETRY);
    assertThat(sent).hasSize(1);
  }

  static Stream<Arguments> writeTypesAndIdempotence() {
    List<Arguments> out = new ArrayList<>();
    for (WriteType type :
        List.of(
            WriteType.SIMPLE,
            WriteType.BATCH,
            WriteType.BATCH_LOG,
            WriteType.UNLOGGED_BATCH,
            WriteType.COUNTER,
            WriteType.CAS)) {
      out.add(Arguments.of(type, true));
      out.add(Arguments.of(type, false));
    }
    return out.stream();
  }

  /** Only the batch log write of an idempotent batch is retried, once, on the same node. */
  @ParameterizedTest(name = "{0}, idempotent {1}")
  @MethodSource("writeTypesAndIdempotence")
  void defaultRetriesAWriteTimeoutOnlyOfTheBatchLogOfAnIdempotentStatement(
      WriteType type, boolean idempotent) {
    DbError timeout = writeTimeout(type, 1, 2);
    forgeOnce(timeout);

    Outcome o = run(kindOf(type), DefaultRetryPolicy.INSTANCE, idempotent, Consistency.QUORUM);

    if (type.equals(WriteType.BATCH_LOG) && idempotent) {
      assertThat(o.error).isNull();
      assertThat(o.decisions()).containsExactly(RetryDecision.RETRY_SAME_TARGET, null);
      int first = o.nodes().get(0);
      assertThat(o.nodes()).containsExactly(first, first);
      assertThat(sent).extracting(Sent::node).containsExactly(first, first);
    } else {
      assertThat(o.dbError()).isEqualTo(timeout);
      assertThat(o.decisions()).containsExactly(RetryDecision.DONT_RETRY);
      assertThat(sent).hasSize(1);
    }
  }

  @Test
  void defaultRetriesABatchLogWriteTimeoutOnlyOnce() {
    DbError timeout = writeTimeout(WriteType.BATCH_LOG, 1, 2);
    forgeAlways(timeout);

    Outcome o = run(Kind.LOGGED_BATCH, DefaultRetryPolicy.INSTANCE, true, Consistency.QUORUM);

    assertThat(o.dbError()).isEqualTo(timeout);
    assertThat(o.decisions())
        .containsExactly(RetryDecision.RETRY_SAME_TARGET, RetryDecision.DONT_RETRY);
    assertThat(o.nodes()).hasSize(2).containsOnly(o.nodes().get(0));
    assertThat(sent).extracting(Sent::opcode).containsOnly(Opcode.BATCH);
  }

  /** Nothing was applied, so even a statement not known to be idempotent moves on. */
  @Test
  void defaultRetriesUnavailableOnceOnTheNextNodeEvenWhenNotIdempotent() {
    forgeOnce(new DbError.Unavailable(Consistency.QUORUM, 2, 1));

    Outcome o = run(Kind.INSERT, DefaultRetryPolicy.INSTANCE, false, Consistency.QUORUM);

    assertThat(o.error).isNull();
    assertThat(o.decisions()).containsExactly(RetryDecision.RETRY_NEXT_TARGET, null);
    assertThat(o.nodes()).doesNotHaveDuplicates();
    assertThat(o.result.coordinator().address()).isEqualTo(address(o.nodes().get(1)));
    assertThat(sent)
        .containsExactly(
            new Sent(o.nodes().get(0), Opcode.EXECUTE, Consistency.QUORUM),
            new Sent(o.nodes().get(1), Opcode.EXECUTE, Consistency.QUORUM));
  }

  @Test
  void defaultRetriesUnavailableOnlyOnce() {
    DbError unavailable = new DbError.Unavailable(Consistency.QUORUM, 2, 1);
    forgeAlways(unavailable);

    Outcome o = run(Kind.READ, DefaultRetryPolicy.INSTANCE, true, Consistency.QUORUM);

    assertThat(o.dbError()).isEqualTo(unavailable);
    assertThat(o.decisions())
        .containsExactly(RetryDecision.RETRY_NEXT_TARGET, RetryDecision.DONT_RETRY);
    assertThat(o.nodes()).hasSize(2).doesNotHaveDuplicates();
    assertThat(sent).hasSize(2);
  }

  /** Each error kind has its own single retry: an Unavailable retry does not use up the read's. */
  @Test
  void defaultKeepsOneRetryForEachErrorKind() {
    forgeOnce(new DbError.Unavailable(Consistency.QUORUM, 2, 1));
    forgeOnce(new DbError.ReadTimeout(Consistency.QUORUM, 2, 2, false));

    Outcome o = run(Kind.READ, DefaultRetryPolicy.INSTANCE, false, Consistency.QUORUM);

    assertThat(o.readValue()).isEqualTo(42);
    assertThat(o.decisions())
        .containsExactly(RetryDecision.RETRY_NEXT_TARGET, RetryDecision.RETRY_SAME_TARGET, null);
    List<Integer> nodes = o.nodes();
    assertThat(nodes.get(1)).isNotEqualTo(nodes.get(0)).isEqualTo(nodes.get(2));
    assertThat(sent).extracting(Sent::node).containsExactlyElementsOf(nodes);
  }

  static Stream<Arguments> nodeProblems() {
    List<Arguments> out = new ArrayList<>();
    for (RetryPolicy policy :
        List.of(DefaultRetryPolicy.INSTANCE, DowngradingConsistencyRetryPolicy.INSTANCE)) {
      for (DbError error :
          List.of(
              new DbError.Overloaded(), new DbError.ServerError(), new DbError.TruncateError())) {
        out.add(Arguments.of(policy.getClass().getSimpleName(), policy, error, true));
        out.add(Arguments.of(policy.getClass().getSimpleName(), policy, error, false));
      }
    }
    return out.stream();
  }

  /**
   * The coordinator has a problem: another node may do better, but a write that is not idempotent
   * may have been applied, so only an idempotent one moves on.
   */
  @ParameterizedTest(name = "{0}: {2}, idempotent {3}")
  @MethodSource("nodeProblems")
  void nodeProblemsMoveToTheNextNodeOnlyWhenIdempotent(
      String name, RetryPolicy policy, DbError error, boolean idempotent) {
    forgeOnce(error);

    Outcome o = run(Kind.INSERT, policy, idempotent, Consistency.QUORUM);

    if (idempotent) {
      assertThat(o.error).isNull();
      assertThat(o.decisions()).containsExactly(RetryDecision.RETRY_NEXT_TARGET, null);
      assertThat(o.nodes()).doesNotHaveDuplicates();
      assertThat(sent).extracting(Sent::consistency).containsOnly(Consistency.QUORUM);
      assertThat(sent).extracting(Sent::node).containsExactlyElementsOf(o.nodes());
    } else {
      assertThat(o.dbError()).isEqualTo(error);
      assertThat(o.decisions()).containsExactly(RetryDecision.DONT_RETRY);
      assertThat(sent).hasSize(1);
    }
  }

  @Test
  void anIdempotentRequestOverloadedEverywhereFailsWithEveryNodesError() {
    forgeAlways(new DbError.Overloaded());

    Outcome o = run(Kind.INSERT, DefaultRetryPolicy.INSTANCE, true, Consistency.QUORUM);

    assertThat(o.error).isInstanceOf(NoHostAvailableException.class);
    Map<Node, Throwable> errors = ((NoHostAvailableException) o.error).errors();
    assertThat(errors.keySet())
        .extracting(Node::address)
        .containsExactlyInAnyOrder(address(1), address(2), address(3));
    assertThat(errors.values())
        .allSatisfy(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        DbException.class,
                        db -> assertThat(db.error()).isEqualTo(new DbError.Overloaded())));
    assertThat(o.nodes()).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(o.decisions()).containsOnly(RetryDecision.RETRY_NEXT_TARGET);
    assertThat(sent).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void isBootstrappingMovesToTheNextNodeEvenWhenNotIdempotent(boolean downgrading) {
    forgeOnce(new DbError.IsBootstrapping());
    RetryPolicy policy =
        downgrading ? DowngradingConsistencyRetryPolicy.INSTANCE : DefaultRetryPolicy.INSTANCE;

    Outcome o = run(Kind.INSERT, policy, false, Consistency.QUORUM);

    assertThat(o.error).isNull();
    assertThat(o.decisions()).containsExactly(RetryDecision.RETRY_NEXT_TARGET, null);
    assertThat(o.nodes()).doesNotHaveDuplicates();
    assertThat(sent).extracting(Sent::consistency).containsOnly(Consistency.QUORUM);
  }

  static Stream<Arguments> errorsNeverRetried() {
    List<Arguments> out = new ArrayList<>();
    for (RetryPolicy policy :
        List.of(DefaultRetryPolicy.INSTANCE, DowngradingConsistencyRetryPolicy.INSTANCE)) {
      String name = policy.getClass().getSimpleName();
      out.add(
          Arguments.of(
              name,
              policy,
              Kind.READ,
              new DbError.ReadFailure(Consistency.QUORUM, 1, 2, 1, Map.of(), false)));
      out.add(
          Arguments.of(
              name,
              policy,
              Kind.INSERT,
              new DbError.WriteFailure(Consistency.QUORUM, 1, 2, 1, Map.of(), WriteType.SIMPLE)));
      out.add(Arguments.of(name, policy, Kind.READ, new DbError.Invalid()));
      out.add(Arguments.of(name, policy, Kind.READ, new DbError.Unauthorized()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("errorsNeverRetried")
  void failuresAndRequestErrorsReachTheCallerAtOnce(
      String name, RetryPolicy policy, Kind kind, DbError error) {
    forgeAlways(error);

    Outcome o = run(kind, policy, true, Consistency.QUORUM);

    assertThat(o.dbError()).isInstanceOf(error.getClass());
    assertThat(o.dbError().code()).isEqualTo(error.code());
    assertThat(o.decisions()).containsExactly(RetryDecision.DONT_RETRY);
    assertThat(sent).hasSize(1);
  }

  /**
   * A serial read must see the latest Paxos state: neither policy retries it, not even Unavailable.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aSerialReadIsNeverRetried(boolean downgrading) {
    DbError unavailable = new DbError.Unavailable(Consistency.SERIAL, 2, 1);
    forgeAlways(unavailable);
    RetryPolicy policy =
        downgrading ? DowngradingConsistencyRetryPolicy.INSTANCE : DefaultRetryPolicy.INSTANCE;

    Outcome o = run(Kind.READ, policy, true, Consistency.SERIAL);

    assertThat(o.dbError()).isEqualTo(unavailable);
    assertThat(o.decisions()).containsExactly(RetryDecision.DONT_RETRY);
    assertThat(sent)
        .containsExactly(new Sent(o.nodes().get(0), Opcode.EXECUTE, Consistency.SERIAL));
  }

  // ---- FallthroughRetryPolicy ----

  static Stream<Arguments> errorsOtherPoliciesRetry() {
    return Stream.of(
        Arguments.of(Kind.READ, new DbError.ReadTimeout(Consistency.QUORUM, 1, 2, false)),
        Arguments.of(Kind.READ, new DbError.ReadTimeout(Consistency.QUORUM, 2, 2, false)),
        Arguments.of(Kind.READ, new DbError.Unavailable(Consistency.QUORUM, 2, 1)),
        Arguments.of(Kind.LOGGED_BATCH, writeTimeout(WriteType.BATCH_LOG, 1, 2)),
        Arguments.of(Kind.INSERT, writeTimeout(WriteType.SIMPLE, 1, 2)),
        Arguments.of(Kind.INSERT, new DbError.Overloaded()),
        Arguments.of(Kind.INSERT, new DbError.ServerError()),
        Arguments.of(Kind.INSERT, new DbError.TruncateError()),
        Arguments.of(Kind.INSERT, new DbError.IsBootstrapping()));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errorsOtherPoliciesRetry")
  void fallthroughNeverRetriesEvenAnIdempotentStatement(Kind kind, DbError error) {
    forgeOnce(error);

    Outcome o = run(kind, FallthroughRetryPolicy.INSTANCE, true, Consistency.QUORUM);

    assertThat(o.dbError()).isEqualTo(error);
    assertThat(o.decisions()).containsExactly(RetryDecision.DONT_RETRY);
    assertThat(sent).hasSize(1);
  }

  // ---- DowngradingConsistencyRetryPolicy ----

  static Stream<Arguments> downgradedReads() {
    return Stream.of(
        // too few answers: the same node at what they meet
        Arguments.of(new DbError.ReadTimeout(Consistency.QUORUM, 1, 2, false), Consistency.ONE),
        Arguments.of(new DbError.ReadTimeout(Consistency.ALL, 2, 3, false), Consistency.TWO),
        Arguments.of(new DbError.ReadTimeout(Consistency.ALL, 1, 3, true), Consistency.ONE),
        // enough answers but no data: the same node at the same consistency
        Arguments.of(new DbError.ReadTimeout(Consistency.QUORUM, 2, 2, false), Consistency.QUORUM),
        // too few replicas alive: the same node at what the alive ones meet
        Arguments.of(new DbError.Unavailable(Consistency.QUORUM, 2, 1), Consistency.ONE),
        Arguments.of(new DbError.Unavailable(Consistency.ALL, 3, 2), Consistency.TWO));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("downgradedReads")
  void downgradingRetriesAReadOnTheSameNodeAtTheConsistencyTheReplicasMeet(
      DbError error, Consistency retriedAt) {
    Consistency asked = consistencyOf(error);
    forgeOnce(error);

    Outcome o = run(Kind.READ, DowngradingConsistencyRetryPolicy.INSTANCE, false, asked);

    assertThat(o.readValue()).isEqualTo(42);
    RetryDecision expected =
        retriedAt == asked
            ? RetryDecision.RETRY_SAME_TARGET
            : new RetryDecision.RetrySameTarget(retriedAt);
    assertThat(o.decisions()).containsExactly(expected, null);
    int first = o.nodes().get(0);
    assertThat(o.nodes()).containsExactly(first, first);
    assertThat(sent)
        .containsExactly(
            new Sent(first, Opcode.EXECUTE, asked), new Sent(first, Opcode.EXECUTE, retriedAt));
  }

  static Stream<DbError> readErrorsNotDowngraded() {
    return Stream.of(
        // nobody answered or is alive: no consistency is likely to work
        new DbError.ReadTimeout(Consistency.QUORUM, 0, 2, false),
        new DbError.Unavailable(Consistency.QUORUM, 2, 0),
        // enough answers and the data: a retry will not help
        new DbError.ReadTimeout(Consistency.QUORUM, 2, 2, true));
  }

  @ParameterizedTest
  @MethodSource("readErrorsNotDowngraded")
  void downgradingGivesUpWhenNoConsistencyIsLikelyToWork(DbError error) {
    forgeAlways(error);

    Outcome o =
        run(Kind.READ, DowngradingConsistencyRetryPolicy.INSTANCE, true, consistencyOf(error));

    assertThat(o.dbError()).isEqualTo(error);
    assertThat(o.decisions()).containsExactly(RetryDecision.DONT_RETRY);
    assertThat(sent).hasSize(1);
  }

  /** EACH_QUORUM reports no global count of alive replicas: one may be up in another datacenter. */
  @Test
  void downgradingRetriesAnEachQuorumWriteAtOneEvenWithNoReplicaAlive() {
    forgeOnce(new DbError.Unavailable(Consistency.EACH_QUORUM, 2, 0));

    Outcome o =
        run(
            Kind.INSERT,
            DowngradingConsistencyRetryPolicy.INSTANCE,
            false,
            Consistency.EACH_QUORUM);

    assertThat(o.error).isNull();
    assertThat(o.decisions())
        .containsExactly(new RetryDecision.RetrySameTarget(Consistency.ONE), null);
    int first = o.nodes().get(0);
    assertThat(sent)
        .containsExactly(
            new Sent(first, Opcode.EXECUTE, Consistency.EACH_QUORUM),
            new Sent(first, Opcode.EXECUTE, Consistency.ONE));
  }

  @Test
  void downgradingRetriesOnlyOnce() {
    DbError timeout = new DbError.ReadTimeout(Consistency.QUORUM, 1, 2, false);
    forgeAlways(timeout);

    Outcome o =
        run(Kind.READ, DowngradingConsistencyRetryPolicy.INSTANCE, true, Consistency.QUORUM);

    assertThat(o.dbError()).isEqualTo(timeout);
    assertThat(o.decisions())
        .containsExactly(
            new RetryDecision.RetrySameTarget(Consistency.ONE), RetryDecision.DONT_RETRY);
    assertThat(sent)
        .extracting(Sent::consistency)
        .containsExactly(Consistency.QUORUM, Consistency.ONE);
  }

  /**
   * A write timeout and what the downgrading policy should do with it: ignore it (the request
   * succeeds), retry on the same node at {@code retriedAt}, or neither (the caller gets the error).
   */
  record WriteCase(
      WriteType type,
      int received,
      int blockFor,
      boolean idempotent,
      boolean ignored,
      Consistency retriedAt) {
    @Override
    public String toString() {
      return type
          + " "
          + received
          + "/"
          + blockFor
          + (idempotent ? " idempotent" : " not idempotent")
          + " -> "
          + (ignored ? "ignored" : retriedAt == null ? "fails" : "retried at " + retriedAt);
    }
  }

  static Stream<WriteCase> downgradedWrites() {
    return Stream.of(
        // a replica has the write: it will spread, treat it as done
        new WriteCase(WriteType.SIMPLE, 1, 2, true, true, null),
        new WriteCase(WriteType.BATCH, 1, 2, true, true, null),
        // no replica has it
        new WriteCase(WriteType.SIMPLE, 0, 2, true, false, null),
        // part of an unlogged batch may be missing: again at what the acknowledgements meet
        new WriteCase(WriteType.UNLOGGED_BATCH, 1, 2, true, false, Consistency.ONE),
        new WriteCase(WriteType.UNLOGGED_BATCH, 2, 3, true, false, Consistency.TWO),
        // the batch log write timed out: again as it was
        new WriteCase(WriteType.BATCH_LOG, 1, 2, true, false, Consistency.QUORUM),
        // a counter or a Paxos write cannot be replayed safely
        new WriteCase(WriteType.COUNTER, 1, 2, true, false, null),
        new WriteCase(WriteType.CAS, 1, 2, true, false, null),
        // not idempotent: never retried, never ignored
        new WriteCase(WriteType.SIMPLE, 1, 2, false, false, null),
        new WriteCase(WriteType.UNLOGGED_BATCH, 1, 2, false, false, null),
        new WriteCase(WriteType.BATCH_LOG, 1, 2, false, false, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("downgradedWrites")
  void downgradingHandlesAWriteTimeoutByWriteType(WriteCase c) {
    Consistency asked = c.blockFor == 3 ? Consistency.ALL : Consistency.QUORUM;
    DbError timeout =
        new DbError.WriteTimeout(
            c.type.equals(WriteType.CAS) ? Consistency.SERIAL : asked,
            c.received,
            c.blockFor,
            c.type);
    forgeOnce(timeout);

    Outcome o =
        run(kindOf(c.type), DowngradingConsistencyRetryPolicy.INSTANCE, c.idempotent, asked);

    int first = o.nodes().get(0);
    if (c.ignored) {
      assertThat(o.error).isNull();
      assertThat(o.result.isRows()).isFalse();
      assertThat(o.result.coordinator().address()).isEqualTo(address(first));
      assertThat(o.decisions()).containsExactly(new RetryDecision.IgnoreWriteError());
      assertThat(o.history.result()).hasValueSatisfying(r -> assertThat(r.isSuccess()).isTrue());
      assertThat(sent).hasSize(1);
    } else if (c.retriedAt != null) {
      assertThat(o.error).isNull();
      assertThat(o.decisions())
          .containsExactly(
              c.retriedAt == asked
                  ? RetryDecision.RETRY_SAME_TARGET
                  : new RetryDecision.RetrySameTarget(c.retriedAt),
              null);
      assertThat(o.nodes()).containsExactly(first, first);
      Opcode opcode = kindOf(c.type) == Kind.INSERT ? Opcode.EXECUTE : Opcode.BATCH;
      assertThat(sent)
          .containsExactly(new Sent(first, opcode, asked), new Sent(first, opcode, c.retriedAt));
    } else {
      assertThat(o.dbError()).isEqualTo(timeout);
      assertThat(o.decisions()).containsExactly(RetryDecision.DONT_RETRY);
      assertThat(sent).hasSize(1);
    }
  }

  // ---- a broken connection ----

  static Stream<Arguments> policiesAndIdempotence() {
    List<Arguments> out = new ArrayList<>();
    for (RetryPolicy policy :
        List.of(
            DefaultRetryPolicy.INSTANCE,
            DowngradingConsistencyRetryPolicy.INSTANCE,
            FallthroughRetryPolicy.INSTANCE)) {
      out.add(Arguments.of(policy.getClass().getSimpleName(), policy, true));
      out.add(Arguments.of(policy.getClass().getSimpleName(), policy, false));
    }
    return out.stream();
  }

  /**
   * The connection breaks with the write in flight: it may have been applied, so only an idempotent
   * write moves to the next node (never with the fallthrough policy); otherwise the caller gets the
   * driver's {@link ConnectionException}.
   */
  @ParameterizedTest(name = "{0}, idempotent {2}")
  @MethodSource("policiesAndIdempotence")
  void aBrokenConnectionMovesToTheNextNodeOnlyWhenIdempotent(
      String name, RetryPolicy policy, boolean idempotent) {
    try (Session own = Session.builder().knownNodes(contactPoints).build()) {
      PreparedStatement ownInsert = own.prepare(insert.cql());
      proxy
          .rules()
          .add(
              Condition.requestOpcode(Opcode.EXECUTE).and(Condition.table(KS, "kv")).times(1),
              Action.closeConnection());
      HistoryCollector history = new HistoryCollector();
      int key = keys.incrementAndGet();
      PreparedStatement statement =
          configure(ownInsert.copy(), policy, idempotent, Consistency.QUORUM, history);
      Outcome o = outcome(() -> own.executeUnpaged(statement, Values.of(key, key)), history);

      boolean retried = idempotent && policy != FallthroughRetryPolicy.INSTANCE;
      if (retried) {
        assertThat(o.error).isNull();
        assertThat(o.decisions()).containsExactly(RetryDecision.RETRY_NEXT_TARGET, null);
        assertThat(o.attempts().get(0).result().orElseThrow().error())
            .isInstanceOf(ConnectionException.class);
        assertThat(o.nodes()).doesNotHaveDuplicates();
        assertThat(o.result.coordinator().address()).isEqualTo(address(o.nodes().get(1)));
      } else {
        assertThat(o.error)
            .isInstanceOf(ConnectionException.class)
            .hasMessageContaining(address(o.nodes().get(0)).getAddress().getHostAddress());
        assertThat(o.decisions()).containsExactly(RetryDecision.DONT_RETRY);
      }
      assertThat(sent).extracting(Sent::node).containsExactlyElementsOf(o.nodes());
    }
  }

  // ---- helpers ----

  /** What a request ended with and its history. */
  private record Outcome(
      QueryResult result, RuntimeException error, StructuredHistory.RequestHistory history) {

    List<StructuredHistory.AttemptHistory> attempts() {
      assertThat(history.speculativeFibers()).isEmpty();
      return history.firstFiber().attempts();
    }

    /** The proxy's node numbers of the attempts, in order. */
    List<Integer> nodes() {
      return attempts().stream().map(a -> nodeNumber(a.node())).toList();
    }

    /** Each attempt's retry decision; null for the attempt that succeeded. */
    List<RetryDecision> decisions() {
      List<RetryDecision> out = new ArrayList<>();
      for (StructuredHistory.AttemptHistory a : attempts()) {
        StructuredHistory.Outcome r = a.result().orElseThrow(() -> new AssertionError(a));
        out.add(r.isSuccess() ? null : r.retryDecision());
      }
      return out;
    }

    /** The server's error the caller got, with the message the node sent. */
    DbError dbError() {
      assertThat(error).isInstanceOf(DbException.class);
      DbException db = (DbException) error;
      assertThat(db.serverMessage()).isEqualTo(FORGED);
      return db.error();
    }

    Throwable requestError() {
      return history.result().orElseThrow().error();
    }

    int readValue() {
      if (error != null) {
        throw new AssertionError("the read failed", error);
      }
      return result.intoRowsResult().singleRow(Integer.class);
    }
  }

  private Outcome run(Kind kind, RetryPolicy policy, boolean idempotent, Consistency consistency) {
    HistoryCollector history = new HistoryCollector();
    int key = keys.addAndGet(2);
    return outcome(
        () ->
            switch (kind) {
              case READ ->
                  session.executeUnpaged(
                      configure(read.copy(), policy, idempotent, consistency, history),
                      Values.of(READ_KEY));
              case INSERT ->
                  session.executeUnpaged(
                      configure(insert.copy(), policy, idempotent, consistency, history),
                      Values.of(key, key));
              case CAS ->
                  session.executeUnpaged(
                      configure(insertIfNotExists.copy(), policy, idempotent, consistency, history),
                      Values.of(key, key));
              case COUNTER ->
                  session.executeUnpaged(
                      configure(addToCounter.copy(), policy, idempotent, consistency, history),
                      Values.of(1L, key));
              case LOGGED_BATCH, UNLOGGED_BATCH -> {
                Batch batch =
                    new Batch(kind == Kind.LOGGED_BATCH ? BatchType.LOGGED : BatchType.UNLOGGED)
                        .appendStatement(insert)
                        .appendStatement(insert);
                yield session.batch(
                    configure(batch, policy, idempotent, consistency, history),
                    List.of(Values.of(key, key), Values.of(key + 1, key + 1)));
              }
            },
        history);
  }

  private static Outcome outcome(Supplier<QueryResult> call, HistoryCollector history) {
    QueryResult result = null;
    RuntimeException error = null;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      error = e;
    }
    List<StructuredHistory.RequestHistory> requests = history.structuredHistory().requests();
    assertThat(requests).as("requests of the statement").hasSize(1);
    StructuredHistory.RequestHistory request = requests.get(0);
    assertThat(request.result()).as("the request's outcome").isPresent();
    assertThat(request.result().get().error()).isSameAs(error);
    return new Outcome(result, error, request);
  }

  private static <S extends StatementSettings<S>> S configure(
      S statement,
      RetryPolicy policy,
      boolean idempotent,
      Consistency consistency,
      HistoryCollector history) {
    return statement
        .setExecutionProfileHandle(BASE.toBuilder().retryPolicy(policy).build().intoHandle())
        .setIdempotent(idempotent)
        .setConsistency(consistency)
        .setHistoryListener(history);
  }

  private static Condition keyspaceRequests() {
    return Condition.requestOpcode(Opcode.EXECUTE, Opcode.QUERY, Opcode.BATCH)
        .and(Condition.queryContains(KS + "."));
  }

  /** The first request of the keyspace, on whichever node, gets the error. */
  private static void forgeOnce(DbError error) {
    proxy.rules().add(keyspaceRequests().times(1), Action.forgeError(error, FORGED));
  }

  /** Every request of the keyspace, on every node, gets the error. */
  private static void forgeAlways(DbError error) {
    proxy.rules().add(keyspaceRequests(), Action.forgeError(error, FORGED));
  }

  private static DbError writeTimeout(WriteType type, int received, int blockFor) {
    Consistency consistency = type.equals(WriteType.CAS) ? Consistency.SERIAL : Consistency.QUORUM;
    return new DbError.WriteTimeout(consistency, received, blockFor, type);
  }

  private static Kind kindOf(WriteType type) {
    if (type.equals(WriteType.SIMPLE)) {
      return Kind.INSERT;
    } else if (type.equals(WriteType.BATCH) || type.equals(WriteType.BATCH_LOG)) {
      return Kind.LOGGED_BATCH;
    } else if (type.equals(WriteType.UNLOGGED_BATCH)) {
      return Kind.UNLOGGED_BATCH;
    } else if (type.equals(WriteType.COUNTER)) {
      return Kind.COUNTER;
    } else if (type.equals(WriteType.CAS)) {
      return Kind.CAS;
    }
    throw new IllegalArgumentException(type.toString());
  }

  private static Consistency consistencyOf(DbError error) {
    if (error instanceof DbError.ReadTimeout t) {
      return t.consistency();
    } else if (error instanceof DbError.Unavailable u) {
      return u.consistency();
    }
    throw new IllegalArgumentException(error.toString());
  }

  private static InetSocketAddress address(int node) {
    return proxy.node(node).proxyAddress();
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
