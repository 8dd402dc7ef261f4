package org.cql4j.opentelemetry.internal;

import java.util.Locale;
import org.cql4j.protocol.Consistency;
import org.cql4j.session.observability.RequestDescription;
import org.cql4j.session.policy.RoutingInfo;

/**
 * Derives the low-cardinality parts of a span from a request (the operation name, the span name,
 * the consistency level) as the OpenTelemetry database semantic conventions want them; stateless
 * and thread-safe. Allocates nothing but the span name.
 */
public final class CqlSpanNaming {
  // the CQL statements' first keywords (CQL 3 grammar); anything else gets no operation name, so
  // that db.operation.name stays low-cardinality whatever text the application sends
  private static final String[] OPERATIONS = {
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "CREATE",
    "ALTER",
    "DROP",
    "TRUNCATE",
    "USE",
    "GRANT",
    "REVOKE",
    "LIST",
    "DESCRIBE",
    "DESC",
    "ADD",
    "MOVE"
  };
  private static final String BATCH = "BATCH";
  private static final String PREPARE = "PREPARE";
  private static final String[] CONSISTENCY_LEVELS = new String[Consistency.values().length];

  static {
    for (Consistency c : Consistency.values()) {
      CONSISTENCY_LEVELS[c.ordinal()] = c.name().toLowerCase(Locale.ROOT);
    }
  }

  private CqlSpanNaming() {}

  /**
   * The conventions' {@code db.operation.name} of a request: the first keyword of its CQL text in
   * upper case ({@code "SELECT"}, {@code "INSERT"}, ...), {@code "BATCH"} for a batch (also a
   * {@code BEGIN BATCH} text) and {@code "PREPARE"} for the preparation of a statement.
   *
   * @param request the request
   * @return the operation name, or null when the text starts with no known keyword
   */
  public static String operationName(RequestDescription request) {
    String kind = request.kind();
    if (BATCH.equals(kind)) {
      return BATCH;
    } else if (PREPARE.equals(kind)) {
      return PREPARE;
    }
    return operationName(request.cql());
  }

  /**
   * The first keyword of a CQL text, after white space and comments, in upper case.
   *
   * @param cql the CQL text, or null
   * @return the keyword ({@code "BATCH"} for {@code BEGIN ... BATCH}), or null when the text starts
   *     with no known keyword
   */
  public static String operationName(String cql) {
    if (cql == null) {
      return null;
    }
    int start = skipSpaceAndComments(cql, 0);
    int end = start;
    while (end < cql.length() && Character.isLetter(cql.charAt(end))) {
      end++;
    }
    int length = end - start;
    if (length == 0) {
      return null;
    }
    if (length == 5 && cql.regionMatches(true, start, "BEGIN", 0, 5)) {
      return BATCH;
    }
    for (String operation : OPERATIONS) {
      if (operation.length() == length && cql.regionMatches(true, start, operation, 0, length)) {
        return operation;
      }
    }
    return null;
  }

  /**
   * The span name the conventions ask for: {@code "<operation> <keyspace>.<table>"}, or {@code
   * "<operation> <keyspace>"} or {@code "<operation> <table>"} with what is known, or the operation
   * alone, or {@code "cassandra"} when not even the operation is known.
   *
   * @param operation the operation name, or null
   * @param routing what the driver knows of the target
   * @return the span name
   */
  public static String spanName(String operation, RoutingInfo routing) {
    String keyspace = routing.keyspace();
    String table = routing.table();
    String target = keyspace == null ? table : table == null ? keyspace : keyspace + "." + table;
    if (operation == null) {
      return target == null ? "cassandra" : target;
    }
    return target == null ? operation : operation + " " + target;
  }

  /**
   * The conventions' {@code db.cassandra.consistency_level} value of a consistency.
   *
   * @param consistency the consistency
   * @return its name in lower case, such as {@code "local_quorum"}
   */
  public static String consistencyLevel(Consistency consistency) {
    return CONSISTENCY_LEVELS[consistency.ordinal()];
  }

  // CQL comments: -- and // to the end of the line, /* ... */
  private static int skipSpaceAndComments(String cql, int from) {
    int i = from;
    while (i < cql.length()) {
      char c = cql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if ((c == '-' || c == '/') && cql.startsWith(c == '-' ? "--" : "//", i)) {
        int eol = cql.indexOf('\n', i);
        i = eol < 0 ? cql.length() : eol + 1;
      } else if (c == '/' && cql.startsWith("/*", i)) {
        int close = cql.indexOf("*/", i + 2);
        i = close < 0 ? cql.length() : close + 2;
      } else {
        return i;
      }
    }
    return i;
  }
}
