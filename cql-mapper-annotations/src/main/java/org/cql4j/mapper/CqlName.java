package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the column, bind marker or user-type field a component maps to, instead of the component's
 * own name. Compared exactly (case-sensitively) with the name in the metadata.
 *
 * <pre>{@code
 * @Row
 * record User(UUID id, @CqlName("zip_code") int zipCode) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface CqlName {
  /**
   * The CQL name, not empty.
   *
   * @return the column, marker or field name
   */
  String value();
}
