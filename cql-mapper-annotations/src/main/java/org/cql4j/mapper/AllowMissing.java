package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tolerates the absence of a component's field from the user type (or of its column from a result
 * and its marker from a statement, on a {@link Row}): the component then reads as the Java default
 * ({@code null}, {@code 0}, {@code false}, {@code Optional.empty()}) and is not written. Without
 * it, the absence is a {@code TypeCheckException} (reading) or {@code SerializationException}
 * (writing) when the codec is bound. Useful while a schema change is being rolled out.
 *
 * <pre>{@code
 * @UserType
 * record Address(String street, @AllowMissing String country) {}  // country added later
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface AllowMissing {}
