package org.cql4j.testkit.proxy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.frame.Opcode;

/**
 * Decides whether a rule applies to a frame. Implementations must be thread-safe: a condition may
 * be tested on several event loops at once. The stateful ones shipped here ({@link
 * #probability(double, long)}, {@link #times(int)}) are.
 *
 * <pre>{@code
 * Condition.requestOpcode(Opcode.EXECUTE)
 *     .and(Condition.queryContains("FROM shop.orders"))
 *     .and(Condition.controlConnection().negate())
 *     .times(3);
 * }</pre>
 */
@FunctionalInterface
public interface Condition {
  /**
   * Whether the rule applies.
   *
   * @param frame the frame; valid only during the call
   * @return {@code true} to apply the rule's action
   */
  boolean test(ProxyFrame frame);

  /** Every frame. */
  static Condition always() {
    return frame -> true;
  }

  /** Requests with one of these opcodes. */
  static Condition requestOpcode(Opcode first, Opcode... more) {
    Set<Opcode> set = EnumSet.of(first, more);
    return frame ->
        frame.direction() == Direction.REQUEST && frame.opcode().filter(set::contains).isPresent();
  }

  /** Responses (and events) with one of these opcodes. */
  static Condition responseOpcode(Opcode first, Opcode... more) {
    Set<Opcode> set = EnumSet.of(first, more);
    return frame ->
        frame.direction() == Direction.RESPONSE && frame.opcode().filter(set::contains).isPresent();
  }

  /** Frames going one way. */
  static Condition direction(Direction direction) {
    Objects.requireNonNull(direction, "direction");
    return frame -> frame.direction() == direction;
  }

  /** Frames whose CQL text ({@link ProxyFrame#query()}) contains {@code text}, case-sensitively. */
  static Condition queryContains(String text) {
    Objects.requireNonNull(text, "text");
    return frame -> frame.query().filter(q -> q.contains(text)).isPresent();
  }

  /** Frames whose CQL text contains {@code text}, ignoring case. */
  static Condition queryContainsIgnoreCase(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return frame ->
        frame.query().filter(q -> q.toLowerCase(Locale.ROOT).contains(lower)).isPresent();
  }

  /** Requests (and their responses) at this consistency. */
  static Condition consistency(Consistency consistency) {
    Objects.requireNonNull(consistency, "consistency");
    return frame -> frame.consistency().filter(c -> c == consistency).isPresent();
  }

  /** Statements on this keyspace (case-sensitive, as CQL stores the name). */
  static Condition keyspace(String keyspace) {
    Objects.requireNonNull(keyspace, "keyspace");
    return frame -> frame.keyspace().filter(keyspace::equals).isPresent();
  }

  /** Statements on this table. */
  static Condition table(String keyspace, String table) {
    Objects.requireNonNull(table, "table");
    return keyspace(keyspace).and(frame -> frame.table().filter(table::equals).isPresent());
  }

  /** ERROR responses with this error code (native_protocol_v4.spec §9). */
  static Condition errorCode(int code) {
    return frame -> frame.errorCode().filter(c -> c == code).isPresent();
  }

  /** Frames of the n-th connection to the node, counted from 1 in the order they were accepted. */
  static Condition connection(int number) {
    return frame -> frame.connection().number() == number;
  }

  /** Frames of a control connection: one that sent REGISTER (from that request on). */
  static Condition controlConnection() {
    return frame -> frame.connection().isControl();
  }

  /** Frames on this emulated shard. */
  static Condition shard(int shard) {
    return frame -> frame.connection().shard().orElse(-1) == shard;
  }

  /**
   * Each frame with this probability, drawn from a generator seeded with {@code seed}, so that a
   * run with the same frames in the same order decides the same way.
   */
  static Condition probability(double probability, long seed) {
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
    SplittableRandom random = new SplittableRandom(seed);
    return frame -> {
      synchronized (random) {
        return random.nextDouble() < probability;
      }
    };
  }

  /** Both this condition and {@code other} (short-circuit). */
  default Condition and(Condition other) {
    Objects.requireNonNull(other, "other");
    return frame -> test(frame) && other.test(frame);
  }

  /** This condition or {@code other} (short-circuit). */
  default Condition or(Condition other) {
    Objects.requireNonNull(other, "other");
    return frame -> test(frame) || other.test(frame);
  }

  /** The opposite of this condition. */
  default Condition negate() {
    return frame -> !test(frame);
  }

  /** The opposite of {@code condition}. */
  static Condition not(Condition condition) {
    return condition.negate();
  }

  /**
   * This condition for its first {@code n} matches only: it counts the frames it matched and stops
   * matching after the n-th.
   */
  default Condition times(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    AtomicInteger matched = new AtomicInteger();
    return frame -> test(frame) && matched.getAndUpdate(m -> m < n ? m + 1 : m) < n;
  }
}
