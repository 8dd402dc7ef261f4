package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inlines the components of a nested {@link Row} record into the enclosing {@link Row}: its columns
 * are columns of the enclosing row, matched by the enclosing row's flavor (with {@link
 * Flavor#ENFORCE_ORDER}, at the position of the flattened component). Only allowed in a
 * {@code @Row} record, on a component whose type is a {@code @Row} record. A null flattened value
 * writes null for all its columns.
 *
 * <pre>{@code
 * @Row record Audit(Instant createdAt, String createdBy) {}
 * @Row record Order(UUID id, @Flatten Audit audit) {}   // columns: id, createdAt, createdBy
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Flatten {}
