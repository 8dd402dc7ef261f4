package org.cql4j.session.internal.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records signals; checks they never overlap. Thread-safe. */
class TestSubscriber<T> implements Flow.Subscriber<T> {
  final List<T> items = new ArrayList<>();
  final CountDownLatch terminated = new CountDownLatch(1);
  final AtomicInteger concurrent = new AtomicInteger();
  volatile Flow.Subscription subscription;
  volatile Throwable error;
  volatile int completions;
  volatile boolean overlapped;
  volatile int signalsAfterTerminal;

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
  }

  @Override
  public void onNext(T item) {
    enter();
    synchronized (items) {
      items.add(item);
    }
    onItem(item);
    concurrent.decrementAndGet();
  }

  /** Hook for subclasses. */
  void onItem(T item) {}

  @Override
  public void onError(Throwable t) {
    enter();
    error = t;
    concurrent.decrementAndGet();
    terminated.countDown();
  }

  @Override
  public void onComplete() {
    enter();
    completions++;
    concurrent.decrementAndGet();
    terminated.countDown();
  }

  private void enter() {
    if (concurrent.incrementAndGet() != 1) {
      overlapped = true;
    }
    if (terminated.getCount() == 0) {
      signalsAfterTerminal++;
    }
  }

  List<T> items() {
    synchronized (items) {
      return List.copyOf(items);
    }
  }

  boolean await() throws InterruptedException {
    return terminated.await(10, TimeUnit.SECONDS);
  }
}
