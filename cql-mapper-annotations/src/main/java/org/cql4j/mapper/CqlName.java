package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the column, bind marker or user-type field a component maps to, instead of the component's
 * own name; on an enum constant, the text the constant is stored as, instead of its name; on a
 * parameter of a {@link Dao} method, the named bind marker it binds to. Compared exactly
 * (case-sensitively) with the name in the metadata or the stored text.
 *
 * <pre>{@code
 * @Row
 * record User(UUID id, @CqlName("zip_code") int zipCode) {}
 *
 * enum Status {
 *   ACTIVE,
 *   @CqlName("on-hold") ON_HOLD
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME) // the enum codecs read it on constants at run time
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface CqlName {
  /**
   * The CQL name, not empty.
   *
   * @return the column, marker or field name
   */
  String value();
}
