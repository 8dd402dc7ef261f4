package org.cql4j.session.internal.paging;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.cql4j.protocol.CqlException;
import org.cql4j.protocol.deserialize.DeserializeRow;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;

/**
 * Iterates the rows of every page, blocking while a needed page is on its way, with the next page
 * fetched as soon as the current one arrives. Not thread-safe: confined to the iterating thread.
 *
 * @param <R> the row type
 */
final class PagingIterator<R> implements Iterator<R> {
  private final PageRows<R> pages;
  private CompletableFuture<QueryPage> next;
  private Iterator<R> rows;

  PagingIterator(PageFetcher fetcher, DeserializeRow<R> deserializer) {
    this.pages = new PageRows<>(fetcher, deserializer);
    this.next = pages.fetch(PagingState.start());
  }

  @Override
  public boolean hasNext() {
    while (rows == null || !rows.hasNext()) {
      if (next == null) {
        rows = null; // exhausted: drop the last page
        return false;
      }
      QueryPage page = await(next);
      next = pages.fetchNext(page); // prefetch while this page is consumed
      rows = pages.rows(page);
    }
    return true;
  }

  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException("all pages were read");
    }
    return rows.next();
  }

  private QueryPage await(CompletableFuture<QueryPage> page) {
    try {
      return page.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      page.cancel(false);
      next = null;
      throw new CqlException("interrupted while waiting for the next page", e);
    } catch (ExecutionException e) {
      next = null;
      Throwable cause = PageRows.unwrap(e);
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new CqlException("fetching the next page failed: " + cause, cause);
    }
  }
}
