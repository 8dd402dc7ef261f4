package org.cql4j.session;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cql4j.session.errors.IntoRowsResultException;

/**
 * The result of executing a statement: rows, or nothing (an {@code INSERT}, a schema change, a
 * {@code USE}). Thread-safe and immutable.
 *
 * <p>A result holds its rows as bytes, decoded only when iterated; it needs no closing (see {@link
 * QueryRowsResult} for how the bytes are owned).
 */
public interface QueryResult {

  /** Whether the result carries rows (a SELECT, or an LWT's applied row). */
  boolean isRows();

  /** The warnings the server attached to the response, in order; empty when none. */
  List<String> warnings();

  /** The id of the server-side trace, when the statement was executed with tracing. */
  Optional<UUID> tracingId();

  /**
   * The node that served the request: the coordinator that sent this answer (the Rust driver's
   * {@code request_coordinator}). With retries, the node of the attempt that succeeded.
   *
   * @return the node
   */
  Node coordinator();

  /**
   * Returns the rows of this result.
   *
   * @return the rows
   * @throws IntoRowsResultException if the result carries no rows
   */
  QueryRowsResult intoRowsResult();
}
