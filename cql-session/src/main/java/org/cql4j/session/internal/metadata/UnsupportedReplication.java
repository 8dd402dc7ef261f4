package org.cql4j.session.internal.metadata;

import java.util.List;
import org.cql4j.session.Node;

/**
 * Replication options the driver cannot place replicas for, immutable and thread-safe: an unknown
 * strategy class or a malformed option.
 *
 * <p>Never an error: the keyspace's requests are routed without token awareness, and the caller
 * logs the {@link #reason()} once (see {@link TokenMap#unsupportedKeyspaces()}).
 *
 * @param reason what is wrong, e.g. {@code unknown replication strategy com.example.MyStrategy}
 */
public record UnsupportedReplication(String reason) implements ReplicationStrategy {
  @Override
  public List<List<Node>> replicasByRange(TokenRing ring) {
    return List.of();
  }
}
