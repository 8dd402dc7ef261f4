package org.cql4j.testkit.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.cql4j.testkit.TestCluster;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.scylladb.ScyllaDBContainer;

/**
 * Starts ScyllaDB containers through Testcontainers; thread-safe.
 *
 * <p>Only {@link #testcontainersPresent()} may be called when Testcontainers might be missing from
 * the classpath: every other method links against it.
 */
public final class ScyllaContainers {
  /** The image used unless {@code -Dcql4j.test.scyllaImage} names another. */
  public static final String DEFAULT_IMAGE = "scylladb/scylla:6.2";

  private static volatile Boolean dockerAvailable;

  private ScyllaContainers() {}

  /** Whether Testcontainers' ScyllaDB module is on the classpath. */
  public static boolean testcontainersPresent() {
    try {
      Class.forName(
          "org.testcontainers.scylladb.ScyllaDBContainer",
          false,
          ScyllaContainers.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Whether a Docker daemon answers; asked once per JVM (the first answer takes ~0.3 s). */
  public static boolean dockerAvailable() {
    Boolean known = dockerAvailable;
    if (known == null) {
      boolean answer;
      try {
        answer = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        answer = false;
      }
      dockerAvailable = known = answer;
    }
    return known;
  }

  /**
   * Starts one ScyllaDB container.
   *
   * @return the running container, closed with the JUnit test plan
   */
  public static Running start() {
    String image = System.getProperty("cql4j.test.scyllaImage", DEFAULT_IMAGE);
    ScyllaDBContainer container = new ScyllaDBContainer(image);
    container.start();
    InetSocketAddress contactPoint = container.getContactPoint();
    TestCluster cluster =
        new TestCluster(
            "ScyllaDB " + image,
            List.of(contactPoint.getHostString() + ":" + contactPoint.getPort()),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new Running(container, cluster);
  }

  /**
   * A running container and what tests need to reach it.
   *
   * @param container the container
   * @param testCluster its contact point
   */
  @SuppressWarnings("deprecation") // CloseableResource: the form every JUnit 5 version closes
  public record Running(ScyllaDBContainer container, TestCluster testCluster)
      implements org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      container.stop();
    }
  }
}
