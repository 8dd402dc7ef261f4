package org.cql4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a ScyllaDB node in a Docker container (Testcontainers), started once
 * per test JVM; without a Docker daemon, or without {@code
 * org.testcontainers:testcontainers-scylladb} on the test classpath, the class is skipped.
 *
 * <p>Test methods receive the {@link TestCluster} as a parameter, as with {@link CassandraTest}.
 * The image is {@code scylladb/scylla:6.2} unless {@code -Dcql4j.test.scyllaImage} names another.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ScyllaExtension.class)
public @interface ScyllaTest {}
