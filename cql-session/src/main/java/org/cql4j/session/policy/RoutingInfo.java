package org.cql4j.session.policy;

import java.util.Objects;
import java.util.Optional;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;
import org.cql4j.session.Token;

/**
 * What a load-balancing policy may know about a request (the Rust driver's {@code RoutingInfo}).
 * Immutable and thread-safe.
 *
 * <p>The token is held as a primitive so that routing a request allocates nothing: read it with
 * {@link #hasToken()} and {@link #tokenValue()} on hot paths, or {@link #token()} where an
 * allocation does not matter.
 */
public final class RoutingInfo {
  private final String keyspace;
  private final String table;
  private final boolean hasToken;
  private final long token;
  private final Consistency consistency;
  private final SerialConsistency serialConsistency;
  private final boolean lwt;

  private RoutingInfo(
      String keyspace,
      String table,
      boolean hasToken,
      long token,
      Consistency consistency,
      SerialConsistency serialConsistency,
      boolean lwt) {
    this.keyspace = keyspace;
    this.table = table;
    this.hasToken = hasToken;
    this.token = token;
    this.consistency = Objects.requireNonNull(consistency, "consistency");
    this.serialConsistency = serialConsistency;
    this.lwt = lwt;
  }

  /**
   * Routing information for a request whose partition key the driver knows. Thread-safe.
   *
   * @param keyspace the keyspace the request targets, or null if unknown
   * @param table the table the request targets, or null if unknown
   * @param token the partition key's Murmur3 token
   * @param consistency the request's effective consistency
   * @param serialConsistency the request's effective serial consistency, or null
   * @param lwt whether the request is a confirmed lightweight transaction
   * @return the routing information
   */
  public static RoutingInfo withToken(
      String keyspace,
      String table,
      long token,
      Consistency consistency,
      SerialConsistency serialConsistency,
      boolean lwt) {
    return new RoutingInfo(keyspace, table, true, token, consistency, serialConsistency, lwt);
  }

  /**
   * Routing information for a request whose partition key is not known (an unprepared statement, a
   * batch, a statement that does not bind the whole key). Thread-safe.
   *
   * @param keyspace the keyspace the request targets, or null if unknown
   * @param table the table the request targets, or null if unknown
   * @param consistency the request's effective consistency
   * @param serialConsistency the request's effective serial consistency, or null
   * @param lwt whether the request is a confirmed lightweight transaction
   * @return the routing information
   */
  public static RoutingInfo withoutToken(
      String keyspace,
      String table,
      Consistency consistency,
      SerialConsistency serialConsistency,
      boolean lwt) {
    return new RoutingInfo(keyspace, table, false, 0, consistency, serialConsistency, lwt);
  }

  /**
   * Routing information for a request about which only the consistency is known. Thread-safe.
   *
   * @param consistency the effective consistency
   * @return the routing information
   */
  public static RoutingInfo of(Consistency consistency) {
    return withoutToken(null, null, consistency, null, false);
  }

  /** The keyspace the request targets, or {@code null} if unknown. */
  public String keyspace() {
    return keyspace;
  }

  /** The table the request targets, or {@code null} if unknown. */
  public String table() {
    return table;
  }

  /** Whether the driver computed the partition key's token. */
  public boolean hasToken() {
    return hasToken;
  }

  /**
   * The partition key's token, without allocating.
   *
   * @return the token's value
   * @throws IllegalStateException if {@link #hasToken()} is false
   */
  public long tokenValue() {
    if (!hasToken) {
      throw new IllegalStateException("the request has no token");
    }
    return token;
  }

  /** The partition key's token, or empty; allocates (use {@link #tokenValue()} on hot paths). */
  public Optional<Token> token() {
    return hasToken ? Optional.of(Token.of(token)) : Optional.empty();
  }

  /** The request's effective consistency. */
  public Consistency consistency() {
    return consistency;
  }

  /** The request's effective serial consistency, or {@code null}. */
  public SerialConsistency serialConsistency() {
    return serialConsistency;
  }

  /**
   * Whether the request is a confirmed lightweight transaction (ScyllaDB marks prepared LWT
   * statements); routing then uses the replicas in ring order, primary first, without shuffling, so
   * that Paxos rounds on a key do not contend.
   */
  public boolean isLwt() {
    return lwt;
  }

  @Override
  public String toString() {
    return "RoutingInfo["
        + (keyspace == null ? "" : keyspace + (table == null ? "" : "." + table) + ", ")
        + (hasToken ? "token " + token + ", " : "")
        + consistency
        + (lwt ? ", LWT" : "")
        + "]";
  }
}
