package org.cql4j.session.internal.paging;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;

/**
 * One subscriber's stream of rows. Thread-safe: {@link #request} and {@link #cancel} may be called
 * from any thread; all signals to the subscriber are serialized by a work-in-progress counter (the
 * drain loop), so they never overlap (Reactive Streams §1.3).
 *
 * <p>Pages are fetched lazily (the first on the first request) with one page ahead: as soon as a
 * page arrives, the next is requested while this one is emitted. Rows are decoded as they are
 * emitted, only when demanded.
 *
 * @param <R> the row type
 */
final class PagingSubscription<R> implements Flow.Subscription {
  private final Flow.Subscriber<? super R> subscriber;
  private final PageRows<R> pages;
  private final Executor executor;
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicLong requested = new AtomicLong();
  private volatile boolean cancelled;
  private volatile long badRequest;
  private volatile boolean hasBadRequest;

  // drain-only state, guarded by wip
  private long emitted;
  private boolean started;
  private boolean done;
  private CompletableFuture<QueryPage> inFlight;
  private Iterator<R> rows;

  PagingSubscription(
      Flow.Subscriber<? super R> subscriber,
      PageFetcher fetcher,
      DeserializeRow<R> deserializer,
      Executor executor) {
    this.subscriber = subscriber;
    this.pages = new PageRows<>(fetcher, deserializer);
    this.executor = executor;
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      badRequest = n;
      hasBadRequest = true;
    } else {
      requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    }
    drain();
  }

  @Override
  public void cancel() {
    cancelled = true;
    drain();
  }

  void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      if (!done) {
        step();
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  /** Makes as much progress as demand and arrived pages allow. */
  private void step() {
    while (true) {
      if (cancelled) {
        release();
        return;
      }
      if (hasBadRequest) {
        fail(
            new IllegalArgumentException(
                "request(" + badRequest + "): demand must be positive (Reactive Streams §3.9)"));
        return;
      }
      if (rows != null && rows.hasNext()) {
        if (emitted == requested.get()) {
          return; // no demand; request() drains again
        }
        R row;
        try {
          row = rows.next();
        } catch (RuntimeException e) {
          fail(e);
          return;
        }
        emitted++;
        try {
          subscriber.onNext(row);
        } catch (RuntimeException e) {
          cancelled = true; // §2.13: a throwing subscriber is considered cancelled
        }
        continue;
      }
      rows = null;
      if (inFlight == null) {
        if (started) {
          done = true;
          subscriber.onComplete();
          return;
        }
        if (requested.get() == 0) {
          return; // fetch nothing before the first request
        }
        started = true;
        inFlight = track(pages.fetch(PagingState.start()));
        continue;
      }
      if (!inFlight.isDone()) {
        return; // the page's completion drains again
      }
      QueryPage page;
      try {
        page = inFlight.join();
      } catch (RuntimeException e) {
        inFlight = null;
        fail(PageRows.unwrap(e));
        return;
      }
      try {
        inFlight = null;
        CompletableFuture<QueryPage> next = pages.fetchNext(page);
        inFlight = next == null ? null : track(next);
        rows = pages.rows(page);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
    }
  }

  private CompletableFuture<QueryPage> track(CompletableFuture<QueryPage> page) {
    page.whenCompleteAsync((p, e) -> drain(), executor);
    return page;
  }

  private void fail(Throwable error) {
    release();
    done = true;
    subscriber.onError(error);
  }

  private void release() {
    done = true;
    rows = null;
    if (inFlight != null) {
      inFlight.cancel(false);
      inFlight = null;
    }
  }
}
