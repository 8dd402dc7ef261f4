package org.cql4j.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cql4j.protocol.types.ColumnType;
import org.cql4j.session.internal.metadata.FunctionCql;

/**
 * A user-defined aggregate, as {@code system_schema.aggregates} describes it. Immutable and
 * thread-safe.
 *
 * @param keyspace the keyspace's name
 * @param name the aggregate's name, case-sensitive, without quotes
 * @param argumentTypes the arguments' types, in declaration order
 * @param stateFunction the name of the state function ({@code SFUNC}), a function of the same
 *     keyspace taking the state and then the arguments
 * @param stateType the type of the state ({@code STYPE})
 * @param finalFunction the name of the final function ({@code FINALFUNC}), taking the state; empty
 *     when the aggregate returns the state
 * @param initialCondition the initial state ({@code INITCOND}) as a CQL literal, e.g. {@code (0,
 *     0)}; empty when the state starts null
 * @param returnType the type of the result
 */
public record AggregateMetadata(
    String keyspace,
    String name,
    List<ColumnType> argumentTypes,
    String stateFunction,
    ColumnType stateType,
    Optional<String> finalFunction,
    Optional<String> initialCondition,
    ColumnType returnType) {

  /** Checks the fields and copies the list. */
  public AggregateMetadata {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(name, "name");
    argumentTypes = List.copyOf(argumentTypes);
    Objects.requireNonNull(stateFunction, "stateFunction");
    Objects.requireNonNull(stateType, "stateType");
    Objects.requireNonNull(finalFunction, "finalFunction");
    Objects.requireNonNull(initialCondition, "initialCondition");
    Objects.requireNonNull(returnType, "returnType");
  }

  /** The aggregate's name and argument types, which identify it in its keyspace; thread-safe. */
  public FunctionSignature signature() {
    return new FunctionSignature(name, argumentTypes);
  }

  /**
   * The signature of the state function: the state type, then the argument types. Thread-safe.
   *
   * @return the signature, to look the function up with {@link KeyspaceMetadata#function}
   */
  public FunctionSignature stateFunctionSignature() {
    List<ColumnType> types = new ArrayList<>();
    types.add(stateType);
    types.addAll(argumentTypes);
    return new FunctionSignature(stateFunction, types);
  }

  /**
   * The signature of the final function, which takes the state. Thread-safe.
   *
   * @return the signature, or empty without a final function
   */
  public Optional<FunctionSignature> finalFunctionSignature() {
    return finalFunction.map(f -> FunctionSignature.of(f, stateType));
  }

  /**
   * Returns the statement that recreates this aggregate, e.g.
   *
   * <pre>{@code
   * CREATE AGGREGATE ks.average(int)
   *     SFUNC avg_state
   *     STYPE tuple<int, bigint>
   *     FINALFUNC avg_final
   *     INITCOND (0, 0);
   * }</pre>
   *
   * Thread-safe.
   *
   * @return the statement, ending with a semicolon
   */
  public String describe() {
    return FunctionCql.createAggregate(this);
  }
}
