package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Reads a null cell (or a null user-type field or tuple element) into a primitive component as the
 * Java default ({@code 0}, {@code 0.0}, {@code false}) instead of failing with a {@code
 * DeserializationException}. Only allowed on primitive components; a boxed type or {@code
 * Optional<T>} already represents null.
 *
 * <pre>{@code
 * @Row
 * record Score(UUID id, @DefaultWhenNull int points) {}   // a null points column reads as 0
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface DefaultWhenNull {}
