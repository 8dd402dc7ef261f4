package org.cql4j.it.chaos;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.errors.DbError;
import org.cql4j.protocol.errors.OperationType;
import org.cql4j.protocol.errors.WriteType;
import org.cql4j.protocol.frame.Opcode;
import org.cql4j.protocol.message.ErrorMessage;
import org.cql4j.testkit.CassandraCluster;
import org.cql4j.testkit.CqlProxy;
import org.cql4j.testkit.proxy.Action;
import org.cql4j.testkit.proxy.Condition;
import org.cql4j.testkit.proxy.Direction;
import org.cql4j.testkit.proxy.ProxyConnection;
import org.cql4j.testkit.proxy.ProxyFrame;
import org.cql4j.testkit.proxy.ProxyNode;
import org.cql4j.testkit.proxy.Side;

/** The faults of the chaos suite, in the order it injects them. */
final class ChaosFaults {
  private static final Condition LOAD_REQUESTS =
      Condition.requestOpcode(Opcode.EXECUTE).and(Condition.keyspace("chaos"));
  private static final Condition LOAD_ANSWERS =
      Condition.direction(Direction.RESPONSE).and(Condition.keyspace("chaos"));

  private ChaosFaults() {}

  /**
   * Every fault, against {@code ring} and its {@code proxy}.
   *
   * @param requestTimeout the load's request timeout (delayed answers come later than it)
   * @param seed seeds the random choice of the frames a rule hits
   */
  static List<Fault> all(
      CassandraCluster ring, CqlProxy proxy, Duration requestTimeout, long seed) {
    Fault.Step clearRules = proxy::resetRules;
    return List.of(
        new Fault(
            "10 % of answers dropped",
            () ->
                proxy
                    .rules()
                    .add(LOAD_ANSWERS.and(Condition.probability(0.1, seed)), Action.drop()),
            clearRules),
        new Fault(
            "20 % of answers delayed past the timeout",
            () ->
                proxy
                    .rules()
                    .add(
                        LOAD_ANSWERS.and(Condition.probability(0.2, seed)),
                        Action.delay(requestTimeout.plusSeconds(1))),
            clearRules),
        new Fault(
            "every error code forged (20 % of requests)",
            () ->
                proxy
                    .rules()
                    .add(
                        LOAD_REQUESTS.and(Condition.probability(0.2, seed)),
                        Action.forgeResponse(new EveryError()::next)),
            clearRules),
        new Fault(
            "connections closed (0.5 % of requests)",
            () ->
                proxy
                    .rules()
                    .add(
                        LOAD_REQUESTS.and(Condition.probability(0.005, seed)),
                        Action.closeConnection()),
            clearRules),
        new Fault(
            "connections reset (0.5 % of requests)",
            () ->
                proxy
                    .rules()
                    .add(
                        LOAD_REQUESTS.and(Condition.probability(0.005, seed)),
                        Action.resetConnection()),
            clearRules),
        new Fault(
            "a socket stalled (node 1 stops reading one connection)",
            () -> proxy.node(1).rules().add(LOAD_REQUESTS.times(1), Action.stopReading(Side.NODE)),
            () -> {
              proxy.resetRules();
              proxy.node(1).resumeReading();
            }),
        new Fault(
            "node 2 frozen (SIGSTOP, then SIGCONT)",
            () -> ring.node(2).freeze(),
            () -> ring.node(2).thaw()),
        new Fault(
            "node 3 killed (SIGKILL) and restarted",
            () -> ring.node(3).kill(),
            () -> ring.node(3).start()),
        controlNodeKilled(ring, proxy),
        new Fault("every node restarted", ring::stop, ring::start));
  }

  /** Kills the node the session's control connection goes to, then starts it again. */
  private static Fault controlNodeKilled(CassandraCluster ring, CqlProxy proxy) {
    int[] victim = new int[1];
    return new Fault(
        "the control connection's node killed and restarted",
        () -> {
          victim[0] = controlNode(proxy);
          ring.node(victim[0]).kill();
        },
        () -> ring.node(victim[0]).start());
  }

  private static int controlNode(CqlProxy proxy) {
    for (ProxyNode node : proxy.nodes()) {
      for (ProxyConnection connection : node.connections()) {
        if (connection.isControl() && connection.isOpen()) {
          return node.number();
        }
      }
    }
    throw new IllegalStateException("no open control connection through " + proxy);
  }

  /** Answers with each error code of native_protocol_v5.spec §8 in turn; thread-safe. */
  private static final class EveryError {
    private static final Map<InetAddress, Integer> NO_REASONS = Map.of();
    private static final List<DbError> ERRORS =
        List.of(
            new DbError.ServerError(),
            new DbError.ProtocolError(),
            new DbError.AuthenticationError(),
            new DbError.Unavailable(Consistency.QUORUM, 2, 1),
            new DbError.Overloaded(),
            new DbError.IsBootstrapping(),
            new DbError.TruncateError(),
            new DbError.WriteTimeout(Consistency.QUORUM, 1, 2, WriteType.SIMPLE),
            new DbError.ReadTimeout(Consistency.QUORUM, 1, 2, false),
            new DbError.ReadFailure(Consistency.QUORUM, 1, 2, 1, NO_REASONS, false),
            new DbError.FunctionFailure("chaos", "f", List.of("int")),
            new DbError.WriteFailure(Consistency.QUORUM, 1, 2, 1, NO_REASONS, WriteType.SIMPLE),
            new DbError.CdcWriteFailure(),
            new DbError.CasWriteUnknown(Consistency.SERIAL, 1, 2),
            new DbError.SyntaxError(),
            new DbError.Unauthorized(),
            new DbError.Invalid(),
            new DbError.ConfigError(),
            new DbError.AlreadyExists("chaos", "acked"),
            new DbError.RateLimitReached(OperationType.WRITE, true));
    private final AtomicInteger next = new AtomicInteger();

    ErrorMessage next(ProxyFrame frame) {
      int i = Math.floorMod(next.getAndIncrement(), ERRORS.size() + 1);
      DbError error =
          i == ERRORS.size()
              ? new DbError.Unprepared(frame.preparedId().orElse(new byte[0]))
              : ERRORS.get(i);
      return ErrorMessage.of(error, "forged by the chaos suite");
    }
  }
}
