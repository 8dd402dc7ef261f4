package org.cql4j.leakcheck;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Fails a test class when Netty reports a leaked resource by the end of it, and the test run when
 * one shows up after its last class; stateless, so thread-safe (the detectors and the leaks they
 * report are kept process-wide).
 *
 * <p>Every test JVM of the build registers it for every class through JUnit's extension
 * auto-detection (this jar's {@code META-INF/services} entry and the root pom's {@code
 * configurationParameters}). Before the first class it checks that Netty really uses {@link
 * RecordingLeakDetector} at the PARANOID level, and fails loudly otherwise. After each top-level
 * class (after its {@code @AfterAll} methods and the other extensions' callbacks) it forces the GC,
 * makes every detector report, and throws an {@link AssertionError} listing each leak with its
 * access records. The same check runs once more when the engine closes the resources shared between
 * classes (nodes and sessions a test kit keeps for the whole JVM), so leaks made while closing them
 * fail the run too.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterAllCallback {

  private static final Namespace NAMESPACE = Namespace.create(LeakCheckExtension.class);

  /** Called by JUnit's {@code ServiceLoader}. */
  public LeakCheckExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    LeakRecorder.assertActive();
    // The root store closes its values in reverse order of insertion: stored before any other
    // extension shares a resource between classes, this check runs after they are all closed.
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            EndOfRunCheck.class, type -> new EndOfRunCheck(), EndOfRunCheck.class);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Nested classes are covered by the check after their enclosing class.
    if (context.getParent().orElse(null) == context.getRoot()) {
      LeakRecorder.assertNoLeaks(
          "by the end of " + context.getRequiredTestClass().getName(), false);
    }
  }

  /**
   * The check at the end of the run; confined to the thread that closes the engine's store. Both
   * interfaces: JUnit closes an AutoCloseable unless configured not to, a CloseableResource always.
   */
  @SuppressWarnings("deprecation") // CloseableResource, see above.
  private static final class EndOfRunCheck
      implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      LeakRecorder.assertNoLeaks(
          "after the last test class, while shared resources were closed", true);
    }
  }
}
