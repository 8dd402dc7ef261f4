package org.cql4j.benchmarks.e2e;

/**
 * The shape of the target, as the drivers' adapters need to know it; immutable and thread-safe.
 * Each adapter keeps one connection per node everywhere, except where a value says otherwise.
 */
public enum Topology {
  /** One node (the null server, one Cassandra node, an external node): routing has no choice. */
  NODE("node"),
  /**
   * A Cassandra ring: the drivers keep what token-aware routing needs, the ring and the keyspace's
   * replication (the Java driver reads the latter from its schema metadata, for {@code bench}
   * only).
   */
  RING("ring"),
  /**
   * ScyllaDB nodes (here the test kit's emulation): as {@link #RING}, and cql4j keeps one
   * connection per shard, as ScyllaDB drivers do; the Java driver knows no shards.
   */
  SCYLLA("scylla");

  private final String cliName;

  Topology(String cliName) {
    this.cliName = cliName;
  }

  /** The name the child JVM's {@code --topology} takes. */
  public String cliName() {
    return cliName;
  }

  /** Whether requests can go to more than one node, so that token-aware routing matters. */
  public boolean multiNode() {
    return this != NODE;
  }

  /**
   * Finds a topology by its command-line name.
   *
   * @param name {@code node}, {@code ring} or {@code scylla}
   * @return the topology
   * @throws IllegalArgumentException for any other name
   */
  public static Topology named(String name) {
    for (Topology t : values()) {
      if (t.cliName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown topology " + name + "; known: node, ring, scylla");
  }
}
