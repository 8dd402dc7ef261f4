package org.cql4j.session.observability;

/** The kinds of call a session's {@link Metrics#queriesCount(QueryKind)} tells apart. */
public enum QueryKind {
  /** {@code queryUnpaged}, {@code executeUnpaged}, batches and {@code USE}: all rows at once. */
  UNPAGED,
  /** {@code querySinglePage}, {@code executeSinglePage}: one page, asked for by the caller. */
  SINGLE_PAGE,
  /** A page fetched by an iterator, a pager or a publisher ({@code queryIter}, ...). */
  ITERATED,
  /** {@code prepare}. */
  PREPARE
}
