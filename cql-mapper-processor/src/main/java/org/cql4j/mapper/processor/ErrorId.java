package org.cql4j.mapper.processor;

/**
 * The stable ids of the processor's compile errors, printed in brackets at the start of every
 * message ({@code [CqlMapper.UnsupportedType] ...}) and documented in docs/mapping.md. Immutable
 * and thread-safe (an enum). Never rename a constant: builds and documentation search for them.
 */
enum ErrorId {
  /**
   * {@code @Row}, {@code @UserType}, {@code @CqlTuple} or {@code @Transparent} on a class,
   * interface or enum.
   */
  NotARecord,
  /** A record with type parameters. */
  GenericRecord,
  /** A private record (or one nested in a private type, or a local record). */
  NotAccessible,
  /** A component whose Java type has no CQL mapping. */
  UnsupportedType,
  /** Two components mapped to the same column, bind marker or field name. */
  DuplicateColumn,
  /** {@code @Flatten} outside a {@code @Row}, or on a component that is not a {@code @Row}. */
  FlattenNotRow,
  /** A {@code @Row} that flattens itself, directly or through other rows. */
  FlattenCycle,
  /** Annotations that contradict each other. */
  ConflictingAnnotations,
  /** An annotation that has no meaning where it is. */
  MisplacedAnnotation,
  /** An empty {@code @CqlName}, on a component or an enum constant. */
  InvalidName,
  /** Two constants of an enum mapped to the same text. */
  DuplicateEnumName,
  /** {@code @Transparent} on a record without exactly one component. */
  TransparentArity,
  /** A {@code @CqlCodec} class that cannot code the component. */
  InvalidCodec,
  /** {@code @Dao} on a class, record or enum, or on a generic or private interface. */
  DaoNotInterface,
  /** An abstract method of a {@code @Dao} interface without {@code @Query}. */
  MissingQuery,
  /** A {@code @Query} method's return type that a DAO cannot produce. */
  UnsupportedReturnType,
  /** Bind markers that do not match the method's parameters. */
  MarkerMismatch,
  /** A {@code @Row} result type that cannot hold the selected columns. */
  RowColumns,
  /** A {@code @StatementAttributes} value that names nothing or is out of range. */
  InvalidAttribute,
  /** CQL text with an unterminated string, quoted name or comment. */
  InvalidCql,
  /** A keyspace the schema ({@code -Acql4j.schema}) does not declare. */
  UnknownKeyspace,
  /** A table the schema does not declare. */
  UnknownTable,
  /** A column its table does not have in the schema. */
  UnknownColumn,
  /** A Java type that cannot bind to, or read, a column's CQL type in the schema. */
  TypeMismatch,
  /** A schema file that cannot be read or parsed. */
  InvalidSchema;

  /** The bracketed prefix of a message; thread-safe. */
  String tag() {
    return "[CqlMapper." + name() + "] ";
  }
}
