package org.cql4j.session.internal.session;

import java.util.Objects;
import org.cql4j.session.policy.AddressTranslator;
import org.cql4j.session.policy.ExponentialReconnectionPolicy;
import org.cql4j.session.policy.HostFilter;
import org.cql4j.session.policy.ReconnectionPolicy;

/**
 * The session's policies about nodes rather than requests: when to reconnect, which nodes to
 * connect to, how to reach them. Immutable and thread-safe.
 *
 * @param reconnection the delays between attempts to reach a lost node or control connection
 * @param hostFilter which nodes get a connection pool
 * @param addressTranslator the address to connect to for one a node advertises
 */
public record ClusterPolicies(
    ReconnectionPolicy reconnection, HostFilter hostFilter, AddressTranslator addressTranslator) {

  /** The defaults: exponential reconnection from 500 ms to 16 s, every node, addresses as is. */
  public static final ClusterPolicies DEFAULTS =
      new ClusterPolicies(ExponentialReconnectionPolicy.DEFAULT, node -> true, address -> address);

  /** Checks that every policy is set. */
  public ClusterPolicies {
    Objects.requireNonNull(reconnection, "reconnection");
    Objects.requireNonNull(hostFilter, "hostFilter");
    Objects.requireNonNull(addressTranslator, "addressTranslator");
  }
}
