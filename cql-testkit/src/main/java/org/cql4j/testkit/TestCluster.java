package org.cql4j.testkit;

import java.util.List;
import java.util.Optional;

/**
 * The database a test talks to, as the JUnit extensions hand it out: where it is and how to log in;
 * immutable and thread-safe.
 *
 * <p>It is a cluster the test kit started ({@link #managed()} gives control over its nodes), maybe
 * behind a {@link CqlProxy} ({@link #proxy()}), a ScyllaDB container, the ScyllaDB emulation, or an
 * external cluster named with {@code -Dcql4j.test.contactPoints}.
 *
 * @param description a human-readable name, e.g. {@code "Cassandra 5.0.9, 3 nodes"}
 * @param contactPoints the CQL endpoints as {@code host:port}
 * @param username the login, when the database requires one
 * @param password the password, when the database requires one
 * @param clientTrustStore the truststore for TLS, when the database requires TLS
 * @param managed the nodes, when the test kit started them
 * @param proxy the proxy in front of the nodes, when the test asked for one ({@code contactPoints}
 *     are then the proxy's)
 * @param clientKeyStore the client key and certificate the nodes trust, when they require client
 *     certificates (build the context with {@link TrustStore#sslContext(ClientKeyStore)})
 */
public record TestCluster(
    String description,
    List<String> contactPoints,
    Optional<String> username,
    Optional<String> password,
    Optional<TrustStore> clientTrustStore,
    Optional<CassandraCluster> managed,
    Optional<CqlProxy> proxy,
    Optional<ClientKeyStore> clientKeyStore) {

  /** Copies the contact points so the value cannot change. */
  public TestCluster {
    contactPoints = List.copyOf(contactPoints);
  }

  /**
   * A cluster without client certificates (the form before mutual TLS existed).
   *
   * @param description a human-readable name
   * @param contactPoints the CQL endpoints as {@code host:port}
   * @param username the login
   * @param password the password
   * @param clientTrustStore the truststore for TLS
   * @param managed the nodes, when the test kit started them
   * @param proxy the proxy in front of the nodes
   */
  public TestCluster(
      String description,
      List<String> contactPoints,
      Optional<String> username,
      Optional<String> password,
      Optional<TrustStore> clientTrustStore,
      Optional<CassandraCluster> managed,
      Optional<CqlProxy> proxy) {
    this(
        description,
        contactPoints,
        username,
        password,
        clientTrustStore,
        managed,
        proxy,
        Optional.empty());
  }

  /**
   * A cluster without a proxy (the form before the proxy existed).
   *
   * @param description a human-readable name
   * @param contactPoints the CQL endpoints as {@code host:port}
   * @param username the login
   * @param password the password
   * @param clientTrustStore the truststore for TLS
   * @param managed the nodes, when the test kit started them
   */
  public TestCluster(
      String description,
      List<String> contactPoints,
      Optional<String> username,
      Optional<String> password,
      Optional<TrustStore> clientTrustStore,
      Optional<CassandraCluster> managed) {
    this(
        description,
        contactPoints,
        username,
        password,
        clientTrustStore,
        managed,
        Optional.empty(),
        Optional.empty());
  }

  /** The first contact point, for tests that need only one. */
  public String firstContactPoint() {
    return contactPoints.get(0);
  }
}
