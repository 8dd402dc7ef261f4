package org.cql4j.session.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cql4j.protocol.CqlException;
import org.cql4j.session.Node;

/**
 * Every node of the query plan was tried, or none was available, and the request failed on all of
 * them. Immutable and thread-safe.
 *
 * <p>{@link #errors()} maps each tried node to what it answered, in the order they were tried; the
 * message lists them. An empty map means the plan had no node at all (all nodes down, or the
 * load-balancing policy filtered every node out).
 */
public class NoHostAvailableException extends CqlException {
  private static final long serialVersionUID = 1L;

  private final transient Map<Node, Throwable> errors;

  /**
   * Creates the exception from what each tried node answered.
   *
   * @param errors each tried node and its error, in the order tried; copied
   */
  public NoHostAvailableException(Map<Node, Throwable> errors) {
    this("", errors);
  }

  /**
   * Creates the exception with a description of the request and what each tried node answered.
   *
   * @param request a short description of the failed request, e.g. {@code "QUERY 'SELECT ...'"}, or
   *     empty
   * @param errors each tried node and its error, in the order tried; copied
   */
  public NoHostAvailableException(String request, Map<Node, Throwable> errors) {
    super(describe(request, errors));
    this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
  }

  /** Each tried node and what it answered, in the order tried; unmodifiable. */
  public Map<Node, Throwable> errors() {
    return errors;
  }

  private static String describe(String request, Map<Node, Throwable> errors) {
    StringBuilder sb = new StringBuilder();
    sb.append(request.isEmpty() ? "no host available" : request + ": no host available");
    if (errors.isEmpty()) {
      return sb.append(
              ": the query plan was empty (are all nodes down, or does the load-balancing policy"
                  + " exclude them all?)")
          .toString();
    }
    sb.append(", tried ").append(errors.size()).append(errors.size() == 1 ? " node:" : " nodes:");
    errors.forEach(
        (node, error) ->
            sb.append("\n  ")
                .append(node)
                .append(": ")
                .append(error.getClass().getSimpleName())
                .append(": ")
                .append(error.getMessage()));
    return sb.toString();
  }
}
