package org.cql4j.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a few slow actions (node starts and stops) at once; stateless and thread-safe. */
public final class Parallel {
  private Parallel() {}

  /**
   * Runs every action on its own thread and waits for all of them.
   *
   * @param name a thread name prefix, e.g. {@code "stop-node"}
   * @param actions what to run
   * @throws RuntimeException the first failure, with the others attached as suppressed
   */
  public static void run(String name, List<Runnable> actions) {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      Runnable action = actions.get(i);
      Thread thread =
          new Thread(
              () -> {
                try {
                  action.run();
                } catch (RuntimeException e) {
                  if (!failure.compareAndSet(null, e)) {
                    failure.get().addSuppressed(e);
                  }
                }
              },
              "cql4j-testkit-" + name + "-" + i);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
