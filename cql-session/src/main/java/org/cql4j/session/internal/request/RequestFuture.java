package org.cql4j.session.internal.request;

import java.util.concurrent.CompletableFuture;

/**
 * The future a request's caller gets. Completed by the caller first (cancelled when a paging
 * subscriber cancels, timed out by {@code orTimeout}), it tells the request's {@link Owner}, which
 * gives back what it holds: its serialized values, its permit of the session's limiter, its
 * speculative timer; the answer that arrives later is then dropped like a slower speculative
 * execution's. The request completes it itself only after releasing them, so that the owner's
 * second release does nothing. Thread-safe, as {@link CompletableFuture}.
 *
 * @param <T> what the request completes with
 */
final class RequestFuture<T> extends CompletableFuture<T> {
  /** What a request does when its future completes, whoever completes it; at most once. */
  interface Owner {
    /** The future completed; release what the request holds, if it has not yet. */
    void futureCompleted();
  }

  private final Owner owner;

  RequestFuture(Owner owner) {
    this.owner = owner;
  }

  @Override
  public boolean complete(T value) {
    return completed(super.complete(value));
  }

  @Override
  public boolean completeExceptionally(Throwable error) {
    return completed(super.completeExceptionally(error));
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return completed(super.cancel(mayInterruptIfRunning));
  }

  private boolean completed(boolean completed) {
    if (completed) {
      owner.futureCompleted();
    }
    return completed;
  }
}
