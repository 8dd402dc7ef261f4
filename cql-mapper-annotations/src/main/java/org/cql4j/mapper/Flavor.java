package org.cql4j.mapper;

/**
 * How the components of a {@link Row} or {@link UserType} record are matched to columns, bind
 * markers or user-type fields. Immutable and thread-safe (an enum).
 *
 * <pre>{@code
 * @Row(flavor = Flavor.ENFORCE_ORDER)
 * record Point(int x, int y) {}   // SELECT x, y ...: column 0 is x, column 1 is y
 * }</pre>
 */
public enum Flavor {
  /**
   * Match by name (the default): each component maps to the column, bind marker or field whose name
   * equals the component's name (or its {@link CqlName}), wherever it is. Names are compared
   * exactly (case-sensitively), as CQL stores them: unquoted identifiers are lower case.
   */
  MATCH_BY_NAME,

  /**
   * Match by position: the n-th mapped component maps to the n-th column, bind marker or field.
   * Names are still checked, and a mismatch is an error, unless {@code skipNameChecks = true};
   * skipping them saves nothing at run time (they are checked once per metadata) but lets a record
   * read columns it does not know the names of.
   */
  ENFORCE_ORDER
}
