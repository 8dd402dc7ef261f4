package org.cql4j.session;

/**
 * A partition's token on the Murmur3 ring (Cassandra's and ScyllaDB's {@code Murmur3Partitioner}):
 * where the partition lives. Immutable and thread-safe.
 *
 * <p>Computed by {@code PreparedStatement.computeToken(values)} from the partition key, the way the
 * server computes it; {@code ClusterState.replicas(keyspace, table, token)} names the nodes that
 * own it.
 *
 * @param value the signed 64-bit token
 */
public record Token(long value) implements Comparable<Token> {

  /**
   * The token with the given value. Thread-safe.
   *
   * @param value the signed 64-bit token
   * @return the token
   */
  public static Token of(long value) {
    return new Token(value);
  }

  @Override
  public int compareTo(Token other) {
    return Long.compare(value, other.value);
  }
}
