package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose {@link Query} methods cql-mapper-processor implements: it generates
 * {@code <Name>_CqlDao} next to the interface, and {@code session.dao(UserDao.class)} returns an
 * instance for that session. Each statement is prepared once per instance, on first use, and the
 * CQL of every method is checked at compile time (bind markers against parameters, the return type,
 * the selected columns against a {@link Row} result; with the processor option {@code
 * -Acql4j.schema=<file or folder of .cql>}, tables, columns and types against the schema).
 *
 * <pre>{@code
 * @Dao
 * interface UserDao {
 *   @Query("SELECT id, name FROM ks.users WHERE id = ?")
 *   Optional<User> find(UUID id);
 *
 *   @Query("INSERT INTO ks.users (id, name) VALUES (:id, :name)")
 *   CompletableFuture<Void> save(User user);
 * }
 * }</pre>
 *
 * <p>Other methods of the interface must be default or static methods.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Dao {}
