package org.cql4j.session.policy;

import java.util.Objects;
import java.util.OptionalLong;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;

/**
 * What a load-balancing policy may know about a request. Immutable and thread-safe.
 *
 * @param keyspace the keyspace the request targets, or {@code null} if unknown
 * @param table the table the request targets, or {@code null} if unknown
 * @param token the Murmur3 token of the partition key, when the driver could compute it (a prepared
 *     statement binding the whole partition key)
 * @param consistency the request's effective consistency
 * @param serialConsistency the request's effective serial consistency
 * @param lwt whether the request is a confirmed lightweight transaction (routing then prefers the
 *     replicas in a stable order, to avoid Paxos contention)
 */
public record RoutingInfo(
    String keyspace,
    String table,
    OptionalLong token,
    Consistency consistency,
    SerialConsistency serialConsistency,
    boolean lwt) {

  /** Checks the arguments. */
  public RoutingInfo {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(consistency, "consistency");
  }

  /**
   * Routing information for a request about which only the consistency is known.
   *
   * @param consistency the effective consistency
   * @return the routing information
   */
  public static RoutingInfo of(Consistency consistency) {
    return new RoutingInfo(null, null, OptionalLong.empty(), consistency, null, false);
  }
}
