package org.cql4j.session;

import java.util.Objects;

/**
 * One page of a paged query: its result and where the next page starts. Immutable and thread-safe.
 *
 * @param result the rows of this page
 * @param pagingState whether more pages follow, and where the next one starts
 */
public record QueryPage(QueryResult result, PagingStateResponse pagingState) {
  /** Checks the arguments. */
  public QueryPage {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(pagingState, "pagingState");
  }
}
