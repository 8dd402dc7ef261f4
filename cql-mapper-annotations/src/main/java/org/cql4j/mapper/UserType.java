package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a record to a CQL user-defined type (UDT), wherever it appears: a column, a bind marker, a
 * collection element at any depth, a field of another user type or a tuple component.
 *
 * <p>cql-mapper-processor generates {@code <Name>_CqlUdtCodec} next to the record, holding a value
 * deserializer and serializer. Schema evolution is handled as the ScyllaDB Rust driver does:
 *
 * <ul>
 *   <li>a value with fewer fields than its type (written before {@code ALTER TYPE ... ADD}) reads
 *       its missing trailing fields as null;
 *   <li>a field of the type that no component maps to is skipped when reading and written as null,
 *       unless {@link #forbidExcessUdtFields()};
 *   <li>a component whose field is not in the type is an error unless it is {@link AllowMissing}.
 * </ul>
 *
 * <pre>{@code
 * // CREATE TYPE ks.address (street text, zip_code int)
 * @UserType
 * record Address(String street, @CqlName("zip_code") int zip) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UserType {
  /**
   * How components are matched to the fields of the user type.
   *
   * @return {@link Flavor#MATCH_BY_NAME} by default
   */
  Flavor flavor() default Flavor.MATCH_BY_NAME;

  /**
   * With {@link Flavor#ENFORCE_ORDER}: do not check that the field names equal the component names.
   * A compile error ({@code [CqlMapper.ConflictingAnnotations]}) with {@link Flavor#MATCH_BY_NAME}.
   *
   * @return false by default
   */
  boolean skipNameChecks() default false;

  /**
   * Rejects user types with fields that no component maps to, when reading ({@code
   * TypeCheckException}) and writing ({@code SerializationException}). By default such fields are
   * skipped when reading and written as null.
   *
   * @return false by default
   */
  boolean forbidExcessUdtFields() default false;
}
