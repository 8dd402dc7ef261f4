package org.cql4j.testkit.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every node process this JVM started and kills those still alive when the JVM exits;
 * thread-safe.
 *
 * <p>A test run that is aborted (Ctrl-C, a crashed fork, a failed assertion in a static
 * initializer) must not leave Cassandra servers behind. Each process is killed by its own handle,
 * that is by PID, never by name.
 */
public final class ProcessRegistry {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> LIVE.forEach(p -> p.toHandle().destroyForcibly()), "cql4j-testkit-reaper"));
  }

  private ProcessRegistry() {}

  /** Registers a started process so that it dies with this JVM at the latest. */
  public static void register(Process process) {
    LIVE.add(process);
  }

  /** Forgets a process that has been stopped. */
  public static void unregister(Process process) {
    LIVE.remove(process);
  }
}
