package org.cql4j.testkit;

import org.cql4j.testkit.internal.ScyllaContainers;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link ScyllaTest}; stateless and thread-safe (the container, or the
 * nodes and proxy of the emulation, live in JUnit's root store and stop when the test plan ends).
 *
 * <p>Testcontainers is an optional dependency: this class only touches it through {@link
 * ScyllaContainers} after checking that it is on the classpath; without it, or without a Docker
 * daemon, the tests run against the emulation.
 */
public final class ScyllaExtension
    implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  /** System property: {@code emulation} forces the emulation even where Docker exists. */
  public static final String BACKEND_PROPERTY = "cql4j.test.scylla";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ScyllaExtension.class);

  /** Which ScyllaDB a {@link ScyllaTest} runs against. Immutable and thread-safe. */
  public enum Backend {
    /** A ScyllaDB container through Testcontainers. */
    CONTAINER,
    /** Cassandra nodes behind a {@link CqlProxy} emulating ScyllaDB. */
    EMULATION
  }

  /** Creates the extension; JUnit does this through {@link ScyllaTest}. */
  public ScyllaExtension() {}

  /**
   * The backend this JVM uses: a container when Testcontainers and a Docker daemon are there (and
   * the emulation is not forced), else the emulation.
   */
  public static Backend backend() {
    return choose(
        "emulation".equals(System.getProperty(BACKEND_PROPERTY)),
        ScyllaContainers.testcontainersPresent(),
        ScyllaContainers.testcontainersPresent() && ScyllaContainers.dockerAvailable());
  }

  static Backend choose(boolean forced, boolean testcontainers, boolean docker) {
    return !forced && testcontainers && docker ? Backend.CONTAINER : Backend.EMULATION;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return backend() == Backend.CONTAINER
        ? ConditionEvaluationResult.enabled("ScyllaDB in a Docker container")
        : ConditionEvaluationResult.enabled(
            "no Docker daemon (or Testcontainers): ScyllaDB emulation over Cassandra nodes");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    CassandraExtension.resetProxy(cluster(context));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return cluster(context);
  }

  private static TestCluster cluster(ExtensionContext context) {
    if (backend() == Backend.CONTAINER) {
      return context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(
              "scylla", k -> ScyllaContainers.start(), ScyllaContainers.Running.class)
          .testCluster();
    }
    ScyllaTest wanted =
        context
            .getTestClass()
            .flatMap(c -> AnnotationSupport.findAnnotation(c, ScyllaTest.class))
            .orElseThrow(() -> new IllegalStateException("ScyllaExtension needs @ScyllaTest"));
    return CassandraExtension.managed(
        context,
        new CassandraExtension.Kind(
            wanted.emulatedNodes(), false, false, false, true, wanted.emulatedShards()));
  }
}
