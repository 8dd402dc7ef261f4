package org.cql4j.session;

import java.util.List;
import java.util.Objects;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.session.internal.metadata.FunctionCql;

/**
 * A user-defined function, as {@code system_schema.functions} describes it. Immutable and
 * thread-safe.
 *
 * <p>Cassandra 5.0 stores no {@code DETERMINISTIC} or {@code MONOTONIC} flag (they never left a
 * development branch), so the model has none.
 *
 * @param keyspace the keyspace's name
 * @param name the function's name, case-sensitive, without quotes
 * @param argumentNames the arguments' names, in declaration order
 * @param argumentTypes the arguments' types, in the same order
 * @param returnType the type of the result
 * @param language the language of the body, e.g. {@code java}
 * @param body the body's source, as written
 * @param calledOnNullInput true for {@code CALLED ON NULL INPUT}, false for {@code RETURNS NULL ON
 *     NULL INPUT}
 */
public record FunctionMetadata(
    String keyspace,
    String name,
    List<String> argumentNames,
    List<ColumnType> argumentTypes,
    ColumnType returnType,
    String language,
    String body,
    boolean calledOnNullInput) {

  /**
   * Checks the fields and copies the lists.
   *
   * @throws IllegalArgumentException if there are not as many types as names
   */
  public FunctionMetadata {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(returnType, "returnType");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(body, "body");
    argumentNames = List.copyOf(argumentNames);
    argumentTypes = List.copyOf(argumentTypes);
    if (argumentNames.size() != argumentTypes.size()) {
      throw new IllegalArgumentException(
          "function "
              + name
              + ": "
              + argumentNames.size()
              + " argument names, "
              + argumentTypes.size()
              + " types");
    }
  }

  /** The function's name and argument types, which identify it in its keyspace; thread-safe. */
  public FunctionSignature signature() {
    return new FunctionSignature(name, argumentTypes);
  }

  /**
   * Returns the statement that recreates this function, e.g.
   *
   * <pre>{@code
   * CREATE FUNCTION ks.plus(a int, b int)
   *     RETURNS NULL ON NULL INPUT
   *     RETURNS int
   *     LANGUAGE java
   *     AS $$return a + b;$$;
   * }</pre>
   *
   * The body is quoted with {@code $$} unless it contains {@code $$}. Thread-safe.
   *
   * @return the statement, ending with a semicolon
   */
  public String describe() {
    return FunctionCql.createFunction(this);
  }
}
