package org.cql4j.session;

import java.util.Objects;

/**
 * Whether a page was the last one and, if not, where the next one starts. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * PagingState state = PagingState.start();
 * while (true) {
 *   QueryPage page = session.executeSinglePage(ps, Values.EMPTY, state);
 *   ...
 *   if (!page.pagingState().hasMorePages()) break;
 *   state = page.pagingState().next();
 * }
 * }</pre>
 */
public final class PagingStateResponse {
  private static final PagingStateResponse NO_MORE_PAGES = new PagingStateResponse(null);

  private final PagingState next;

  private PagingStateResponse(PagingState next) {
    this.next = next;
  }

  /** The response of a last page. Thread-safe. */
  public static PagingStateResponse noMorePages() {
    return NO_MORE_PAGES;
  }

  /**
   * The response of a page followed by more.
   *
   * @param next where the next page starts; not the start
   * @return the response
   */
  public static PagingStateResponse hasMorePages(PagingState next) {
    Objects.requireNonNull(next, "next");
    if (next.isStart()) {
      throw new IllegalArgumentException("the next page cannot start at the beginning");
    }
    return new PagingStateResponse(next);
  }

  /** Whether another page follows. */
  public boolean hasMorePages() {
    return next != null;
  }

  /**
   * The paging state of the next page.
   *
   * @return the paging state to pass with the next request
   * @throws IllegalStateException if this was the last page
   */
  public PagingState next() {
    if (next == null) {
      throw new IllegalStateException(
          "no more pages: this was the last page, check hasMorePages() before calling next()");
    }
    return next;
  }

  @Override
  public String toString() {
    return next == null ? "NoMorePages" : "HasMorePages[" + next + "]";
  }
}
