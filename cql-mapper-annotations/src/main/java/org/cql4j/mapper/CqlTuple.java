package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a record positionally to a CQL tuple: component n is tuple element n, and the tuple type
 * must have exactly as many elements as the record has components.
 *
 * <p>cql-mapper-processor generates {@code <Name>_CqlTupleCodec} next to the record, holding a
 * value deserializer and serializer. A tuple value with fewer elements than its type reads the
 * missing trailing ones as null. Only {@link DefaultWhenNull} is meaningful on its components.
 *
 * <pre>{@code
 * // CREATE TABLE ks.t (k int PRIMARY KEY, p frozen<tuple<int, text>>)
 * @CqlTuple
 * record Pair(int number, String label) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CqlTuple {}
