package org.cql4j.session;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.session.internal.metadata.SchemaCql;

/**
 * What identifies a user-defined function or aggregate within its keyspace: its name and the types
 * of its arguments, since functions overload (the Java driver's {@code FunctionSignature}).
 * Immutable and thread-safe; equal when the name and the argument types are.
 *
 * @param name the function's name, case-sensitive, without quotes
 * @param argumentTypes the arguments' types, in declaration order
 */
public record FunctionSignature(String name, List<ColumnType> argumentTypes) {

  /** Checks the name and copies the types. */
  public FunctionSignature {
    Objects.requireNonNull(name, "name");
    argumentTypes = List.copyOf(argumentTypes);
  }

  /**
   * A signature from a name and argument types. Thread-safe.
   *
   * @param name the function's name, case-sensitive, without quotes
   * @param argumentTypes the arguments' types, in declaration order
   * @return the signature
   */
  public static FunctionSignature of(String name, ColumnType... argumentTypes) {
    return new FunctionSignature(name, List.of(argumentTypes));
  }

  /**
   * The signature as CQL writes it, e.g. {@code plus(int, int)} or {@code avg_state(tuple<int,
   * bigint>, int)}: the name quoted when needed, user types by name. Thread-safe.
   */
  @Override
  public String toString() {
    StringJoiner types = new StringJoiner(", ", SchemaCql.id(name) + "(", ")");
    argumentTypes.forEach(t -> types.add(SchemaCql.type(t, false, null)));
    return types.toString();
  }
}
