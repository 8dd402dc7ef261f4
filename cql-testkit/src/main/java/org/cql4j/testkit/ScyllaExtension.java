package org.cql4j.testkit;

import org.cql4j.testkit.internal.ScyllaContainers;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link ScyllaTest}; stateless and thread-safe (the container lives
 * in JUnit's root store and stops when the test plan ends).
 *
 * <p>Testcontainers is an optional dependency: this class only touches it through {@link
 * ScyllaContainers} after checking that it is on the classpath, so tests without it are skipped,
 * not broken.
 */
public final class ScyllaExtension
    implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ScyllaExtension.class);

  /** Creates the extension; JUnit does this through {@link ScyllaTest}. */
  public ScyllaExtension() {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!ScyllaContainers.testcontainersPresent()) {
      return ConditionEvaluationResult.disabled(
          "ScyllaDB tests need org.testcontainers:testcontainers-scylladb on the test classpath");
    }
    if (!ScyllaContainers.dockerAvailable()) {
      return ConditionEvaluationResult.disabled(
          "ScyllaDB tests need a Docker daemon, and none is reachable");
    }
    return ConditionEvaluationResult.enabled("Docker is available");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context);
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
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "scylla", k -> ScyllaContainers.start(), ScyllaContainers.Running.class)
        .testCluster();
  }
}
