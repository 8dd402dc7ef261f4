package org.cql4j.session.internal.session;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.cql4j.protocol.CqlException;

/**
 * Waits for a future on behalf of the synchronous API. Thread-safe (stateless).
 *
 * <p>Responses complete futures on the driver's I/O threads. Waiting on one of those threads for
 * another response would deadlock the connection it serves, so a blocking call made there fails at
 * once with an explanation instead (the rule of the Java driver 4.x's {@code BlockingOperation}).
 */
public final class BlockingCalls {
  private BlockingCalls() {}

  /**
   * Waits for the future and returns its value, rethrowing its failure unwrapped.
   *
   * @param future the future
   * @param <T> the value type
   * @return the value
   * @throws IllegalStateException if called on a driver I/O thread
   * @throws RuntimeException the future's failure (a {@code CqlException} for driver errors)
   */
  public static <T> T await(CompletableFuture<T> future) {
    checkNotDriverThread();
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(false);
      throw new CqlException("interrupted while waiting for the driver", e);
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    } catch (CancellationException e) {
      throw new CqlException("the request was cancelled", e);
    }
  }

  /**
   * Throws if the current thread is a driver I/O thread.
   *
   * @throws IllegalStateException if it is
   */
  public static void checkNotDriverThread() {
    Thread thread = Thread.currentThread();
    if (thread instanceof FastThreadLocalThread && thread.getName().startsWith("cql4j-")) {
      throw new IllegalStateException(
          "a blocking driver call on the driver's I/O thread "
              + thread.getName()
              + " would deadlock: use the ...Async method and compose the future instead");
    }
  }

  /**
   * Unwraps a {@link CompletionException} or {@link ExecutionException}.
   *
   * @param error the error a future failed with
   * @return the cause that matters
   */
  public static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static RuntimeException rethrowable(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error fatal) {
      throw fatal;
    }
    return new CqlException(String.valueOf(cause.getMessage()), cause);
  }
}
