package org.cql4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against ScyllaDB: a real ScyllaDB node in a Docker container (Testcontainers)
 * when a Docker daemon answers and {@code org.testcontainers:testcontainers-scylladb} is on the
 * test classpath; otherwise against the ScyllaDB emulation, Cassandra nodes behind a {@link
 * CqlProxy} that looks like ScyllaDB ({@link #emulatedNodes()} nodes, {@link #emulatedShards()}
 * shards each). {@link TestCluster#description()} says which one ran, and {@link
 * TestCluster#proxy()} is present only for the emulation.
 *
 * <p>Test methods receive the {@link TestCluster} as a parameter, as with {@link CassandraTest}.
 * The image is {@code scylladb/scylla:6.2} unless {@code -Dcql4j.test.scyllaImage} names another.
 * {@code -Dcql4j.test.scylla=emulation} forces the emulation even where Docker exists.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ScyllaExtension.class)
public @interface ScyllaTest {
  /** Nodes of the emulation; default 1. A container is always one node. */
  int emulatedNodes() default 1;

  /** Shards per node of the emulation; default 4. */
  int emulatedShards() default 4;
}
