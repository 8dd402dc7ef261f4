package org.cql4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against real Cassandra nodes, started once per test JVM and shared by every
 * class that asks for the same kind.
 *
 * <pre>{@code
 * @CassandraTest(nodes = 3)
 * class ReplicationIT {
 *   @Test
 *   void writesReachEveryReplica(TestCluster cassandra) {
 *     List<String> contactPoints = cassandra.contactPoints();
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>{@code @CassandraTest(nodes = 3, proxy = true)} puts a {@link CqlProxy} in front of the nodes;
 * {@code scyllaShards = 4} makes it emulate ScyllaDB.
 *
 * <p>The nodes run Cassandra 5.0; {@code -Dcql4j.test.cassandraVersion=4.1} makes them (and every
 * node whose builder names no version) run 4.1 instead.
 *
 * <p>Test methods, constructors and {@code @BeforeAll} methods receive the {@link TestCluster} as a
 * parameter. With {@code -Dcql4j.test.contactPoints=host:port,...} the tests run against that
 * cluster instead (and {@code -Dcql4j.test.username}/{@code password} log in); classes that need
 * authentication or TLS set up by the test kit are then skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CassandraExtension.class)
public @interface CassandraTest {
  /** How many nodes; default 1. A single node runs on 127.0.1.x, a ring on 127.0.0.1 to .n. */
  int nodes() default 1;

  /** Whether the nodes require a login ({@code cassandra}/{@code cassandra}); default false. */
  boolean passwordAuthentication() default false;

  /** Whether the nodes require TLS on the CQL port; default false. */
  boolean clientTls() default false;

  /**
   * Whether the nodes also require a client certificate they trust (mutual TLS); implies {@link
   * #clientTls()}; default false. {@link TestCluster#clientKeyStore()} is the client key they
   * trust, {@code cassandra.clientTrustStore().orElseThrow().sslContext(cassandra.clientKeyStore()
   * .orElseThrow())} the context that connects.
   */
  boolean clientCertificates() default false;

  /**
   * Whether the test talks to the nodes through a {@link CqlProxy} (one per JVM and kind, sharing
   * the nodes with unproxied classes of the same kind); default false. {@link
   * TestCluster#contactPoints()} are then the proxy's, {@link TestCluster#proxy()} gives its rules
   * and counters, and rules and counters are reset before each test method. Not with {@link
   * #clientTls()} or {@link #clientCertificates()}.
   */
  boolean proxy() default false;

  /**
   * With a value above 0, the proxy makes every node look like a ScyllaDB node with this many
   * shards and a shard-aware port (19042 on the proxy's addresses); implies {@link #proxy()};
   * default 0, no emulation.
   */
  int scyllaShards() default 0;
}
