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
  InvalidCodec;

  /** The bracketed prefix of a message; thread-safe. */
  String tag() {
    return "[CqlMapper." + name() + "] ";
  }
}
