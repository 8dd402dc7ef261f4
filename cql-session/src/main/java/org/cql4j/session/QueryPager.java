package org.cql4j.session;

import java.util.concurrent.Flow;
import org.cql4j.protocol.deserialize.DeserializeRow;

/**
 * All the rows of a paged query, fetched page by page in the background while the current page is
 * consumed. Thread-safe: the pager itself is immutable; each iteration or subscription has its own
 * state.
 *
 * <p>Each call to {@code iterator()} of {@link #rows(Class)}, and each subscription to {@link
 * #publisher(Class)}, runs the query from the first page; at most one page beyond the one being
 * consumed is fetched ahead. The type check runs once per distinct result metadata, not per page.
 *
 * <pre>{@code
 * for (User u : session.executeIter(ps, Values.EMPTY).rows(User.class)) { ... }
 * }</pre>
 */
public interface QueryPager {

  /**
   * Returns the rows, fetched page by page as the iteration advances. The iterator blocks the
   * calling thread while a page it needs is on its way, and releases everything when exhausted.
   * Errors (a failed page request, a type mismatch, a malformed cell) are thrown from {@code
   * hasNext()} or {@code next()}.
   *
   * @param rowType a {@code @Row} record, {@code CqlRow.class} or a single-column type
   * @param <R> the row type
   * @return the rows; each {@code iterator()} call re-runs the query
   */
  <R> Iterable<R> rows(Class<R> rowType);

  /**
   * Returns the rows decoded with a row deserializer; see {@link #rows(Class)}.
   *
   * @param deserializer the row deserializer
   * @param <R> the row type
   * @return the rows
   */
  <R> Iterable<R> rows(DeserializeRow<R> deserializer);

  /**
   * Returns the rows as a reactive-streams publisher: rows are emitted only as requested, the next
   * page is fetched ahead while the current one is emitted, cancelling stops fetching, and a failed
   * page or decoding error ends the stream with {@code onError}. Cold: each subscriber re-runs the
   * query.
   *
   * @param rowType a {@code @Row} record, {@code CqlRow.class} or a single-column type
   * @param <R> the row type
   * @return the publisher
   */
  <R> Flow.Publisher<R> publisher(Class<R> rowType);

  /**
   * Returns the rows as a publisher, decoded with a row deserializer; see {@link
   * #publisher(Class)}.
   *
   * @param deserializer the row deserializer
   * @param <R> the row type
   * @return the publisher
   */
  <R> Flow.Publisher<R> publisher(DeserializeRow<R> deserializer);
}
