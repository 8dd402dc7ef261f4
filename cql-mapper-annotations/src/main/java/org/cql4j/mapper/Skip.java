package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves a component out of the mapping: it is never written, and reads as the Java default ({@code
 * null}, {@code 0}, {@code false}, or {@code Optional.empty()}). Its type may be any type.
 *
 * <pre>{@code
 * @Row
 * record User(UUID id, String name, @Skip String displayName) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Skip {}
