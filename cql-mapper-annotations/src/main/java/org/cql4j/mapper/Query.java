package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The CQL statement a {@link Dao} method runs. Parameters bind to the bind markers by position
 * ({@code ?}) or by name ({@code :name}, matched with the parameter's name or its {@link CqlName});
 * a single {@link Row} record parameter binds as the whole row.
 *
 * <p>Return types: {@code void}, {@code boolean} (whether a lightweight transaction was applied;
 * true for other statements), {@code T} (the first row, or null), {@code Optional<T>}, {@code
 * List<T>} (every row), {@code QueryPager}, {@code QueryResult}, and {@code CompletableFuture} of
 * each ({@code CompletableFuture<Void>} for {@code void}), where {@code T} is a {@link Row} record
 * or a single-column type ({@code String}, {@code Long}, an enum, ...).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Query {
  /**
   * The CQL text.
   *
   * @return one statement, with {@code ?} or {@code :name} bind markers
   */
  String value();
}
