package org.cql4j.session.observability;

import java.util.Optional;
import org.cql4j.protocol.Consistency;
import org.cql4j.session.policy.RoutingInfo;

/**
 * What a {@link RequestListener} is told about a request: the same object for every callback of one
 * request, so a listener can keep per-request state keyed by it (by identity). Implemented by the
 * session; thread-safe.
 */
public interface RequestDescription {

  /** The request kind: {@code "QUERY"}, {@code "EXECUTE"}, {@code "BATCH"} or {@code "PREPARE"}. */
  String kind();

  /**
   * The CQL text of the statement (of a batch: a summary such as {@code "BATCH of 3 statements"});
   * never the bound values.
   */
  String cql();

  /** The keyspace the request targets, when known. */
  Optional<String> keyspace();

  /** The consistency the request was first sent with. */
  Consistency consistency();

  /** What the load-balancing policy knew: keyspace, table, token, LWT. */
  RoutingInfo routing();

  /** Whether the statement was declared idempotent (only those run speculative executions). */
  boolean idempotent();
}
