package org.cql4j.session.internal.paging;

import java.util.concurrent.CompletableFuture;
import org.cql4j.session.PagingState;
import org.cql4j.session.QueryPage;

/**
 * Fetches one page of a paged query; implemented by the session and thread-safe.
 *
 * <p>The session binds the statement and its values; the pager only says where to resume. A
 * returned future may be cancelled by the pager when the consumer cancels.
 */
@FunctionalInterface
public interface PageFetcher {
  /**
   * Starts fetching the page at {@code state}. Must not block.
   *
   * @param state {@link PagingState#start()} for the first page, then the state the previous page
   *     returned
   * @return the page, or a future failed with the request's error
   */
  CompletableFuture<QueryPage> fetch(PagingState state);
}
