package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a record with exactly one component as that component, wherever a value can appear: a
 * column, a bind marker, a collection element or map key at any depth, a user-type field or a tuple
 * element (the ScyllaDB Rust driver's {@code #[scylla(transparent)]}). A newtype keeps a value's
 * meaning in its Java type at no cost on the wire.
 *
 * <p>cql-mapper-processor generates {@code <Name>_CqlTransparentCodec} next to the record, which
 * reads the component with its own codec and calls the canonical constructor, and writes the
 * component. A null cell reads as a null record (the constructor is not called); a null record, or
 * a record whose component is null, writes a null.
 *
 * <pre>{@code
 * @Transparent
 * record Email(String value) {}
 *
 * @Row
 * record User(UUID id, Email email, List<Email> aliases) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Transparent {}
