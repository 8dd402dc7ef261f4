package org.cql4j.session.internal.paging;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;
import org.cql4j.session.QueryRowsResult;
import org.cql4j.session.internal.result.DefaultQueryRowsResult;

/**
 * Shared helpers of the pager's iterator and publisher: decoding a page with a decoder bound once
 * per distinct metadata, and starting fetches. Confined to one iteration or subscription.
 *
 * @param <R> the row type
 */
final class PageRows<R> {
  private final PageFetcher fetcher;
  private final DeserializeRow<R> deserializer;
  private List<ColumnSpec> boundColumns;
  private DeserializeRow.Decoder<R> decoder;

  PageRows(PageFetcher fetcher, DeserializeRow<R> deserializer) {
    this.fetcher = fetcher;
    this.deserializer = deserializer;
  }

  /** Starts fetching a page; a fetcher that throws yields a failed future. */
  CompletableFuture<QueryPage> fetch(PagingState state) {
    try {
      CompletableFuture<QueryPage> f = fetcher.fetch(state);
      return f != null
          ? f
          : CompletableFuture.failedFuture(
              new NullPointerException("the page fetcher returned null"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The next page's fetch, or null after the last page. */
  CompletableFuture<QueryPage> fetchNext(QueryPage page) {
    return page.pagingState().hasMorePages() ? fetch(page.pagingState().next()) : null;
  }

  /** The rows of a page; binds (type-checks) only when the columns differ from the last page's. */
  Iterator<R> rows(QueryPage page) {
    QueryRowsResult rows = page.result().intoRowsResult();
    List<ColumnSpec> columns = rows.columnSpecs();
    if (decoder == null || (columns != boundColumns && !columns.equals(boundColumns))) {
      decoder = deserializer.bind(columns);
      boundColumns = columns;
    }
    if (rows instanceof DefaultQueryRowsResult d) {
      return d.rows(decoder).iterator();
    }
    return rows.rows(deserializer).iterator();
  }

  /** The failure inside a future's exception. */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Whether a future completed by cancellation. */
  static boolean isCancellation(Throwable t) {
    return unwrap(t) instanceof CancellationException;
  }
}
