package org.cql4j.session.internal.paging;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.session.QueryPager;
import org.cql4j.session.internal.mapping.RowCodecs;

/**
 * The pager over a {@link PageFetcher}. Immutable and thread-safe; each iteration and subscription
 * keeps its own state.
 *
 * <p>The session creates it with a fetcher that executes the statement at a paging state, and an
 * executor on which page arrivals are delivered to subscribers: pass one that is not a Netty event
 * loop, since subscribers' {@code onNext} runs there (the iterator needs none: it blocks the
 * caller's thread).
 */
public final class DefaultQueryPager implements QueryPager {
  private final PageFetcher fetcher;
  private final Executor executor;

  /**
   * Creates a pager.
   *
   * @param fetcher fetches one page at a paging state
   * @param executor runs the delivery of rows after a page arrives (not an event loop)
   */
  public DefaultQueryPager(PageFetcher fetcher, Executor executor) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public <R> Iterable<R> rows(Class<R> rowType) {
    return rows(RowCodecs.deserializer(rowType));
  }

  @Override
  public <R> Iterable<R> rows(DeserializeRow<R> deserializer) {
    Objects.requireNonNull(deserializer, "deserializer");
    return () -> new PagingIterator<>(fetcher, deserializer);
  }

  @Override
  public <R> Flow.Publisher<R> publisher(Class<R> rowType) {
    return publisher(RowCodecs.deserializer(rowType));
  }

  @Override
  public <R> Flow.Publisher<R> publisher(DeserializeRow<R> deserializer) {
    Objects.requireNonNull(deserializer, "deserializer");
    return subscriber -> {
      Objects.requireNonNull(subscriber, "subscriber");
      PagingSubscription<R> subscription =
          new PagingSubscription<>(subscriber, fetcher, deserializer, executor);
      subscriber.onSubscribe(subscription);
    };
  }
}
