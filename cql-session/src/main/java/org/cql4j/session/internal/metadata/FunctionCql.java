package org.cql4j.session.internal.metadata;

import java.util.StringJoiner;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.session.AggregateMetadata;
import org.cql4j.session.FunctionMetadata;

/**
 * Writes user-defined functions and aggregates as CQL text, for their {@code describe()}. Stateless
 * and thread-safe.
 *
 * <p>Types are written without a top-level {@code frozen<...>}: {@code system_schema} stores
 * arguments, results and states as frozen ({@code frozen<tuple<int, bigint>>}), but Cassandra
 * refuses a frozen argument ("cannot be frozen"), and every such value is frozen anyway.
 */
public final class FunctionCql {
  private static final String INDENT = "    ";

  private FunctionCql() {}

  /**
   * The {@code CREATE FUNCTION} statement of a function.
   *
   * @param function the function
   * @return the statement, ending with a semicolon
   */
  public static String createFunction(FunctionMetadata function) {
    String keyspace = function.keyspace();
    StringJoiner arguments =
        new StringJoiner(
            ", ", "CREATE FUNCTION " + SchemaCql.qualified(keyspace, function.name()) + "(", ")");
    for (int i = 0; i < function.argumentNames().size(); i++) {
      arguments.add(
          SchemaCql.id(function.argumentNames().get(i))
              + " "
              + type(function.argumentTypes().get(i), keyspace));
    }
    return arguments
        + "\n"
        + INDENT
        + (function.calledOnNullInput() ? "CALLED ON NULL INPUT" : "RETURNS NULL ON NULL INPUT")
        + "\n"
        + INDENT
        + "RETURNS "
        + type(function.returnType(), keyspace)
        + "\n"
        + INDENT
        + "LANGUAGE "
        + function.language()
        + "\n"
        + INDENT
        + "AS "
        + body(function.body())
        + ";";
  }

  /**
   * The {@code CREATE AGGREGATE} statement of an aggregate.
   *
   * @param aggregate the aggregate
   * @return the statement, ending with a semicolon
   */
  public static String createAggregate(AggregateMetadata aggregate) {
    String keyspace = aggregate.keyspace();
    StringJoiner arguments =
        new StringJoiner(
            ", ", "CREATE AGGREGATE " + SchemaCql.qualified(keyspace, aggregate.name()) + "(", ")");
    aggregate.argumentTypes().forEach(t -> arguments.add(type(t, keyspace)));
    StringBuilder sb = new StringBuilder(arguments.toString());
    sb.append('\n').append(INDENT).append("SFUNC ").append(SchemaCql.id(aggregate.stateFunction()));
    sb.append('\n').append(INDENT).append("STYPE ").append(type(aggregate.stateType(), keyspace));
    aggregate
        .finalFunction()
        .ifPresent(
            f -> sb.append('\n').append(INDENT).append("FINALFUNC ").append(SchemaCql.id(f)));
    aggregate
        .initialCondition()
        .ifPresent(c -> sb.append('\n').append(INDENT).append("INITCOND ").append(c));
    return sb.append(';').toString();
  }

  private static String type(ColumnType type, String keyspace) {
    return SchemaCql.type(type, false, keyspace);
  }

  // $$...$$ keeps the body as written; a body holding $$ needs a quoted string instead
  private static String body(String body) {
    return body.contains("$$") ? SchemaCql.literal(body) : "$$" + body + "$$";
  }
}
