package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a record to a row: the columns of a result, and the bind markers of a statement.
 *
 * <p>cql-mapper-processor generates {@code <Name>_CqlRowCodec} next to the record (for a nested
 * record {@code Outer.User}: {@code Outer_User_CqlRowCodec}), holding a row deserializer and a row
 * serializer that implement cql-protocol's SPI. The session finds it by that name once per class;
 * nothing is reflected per row. A result column that no component maps to, or a component whose
 * column is missing, is a {@code TypeCheckException} when the rows are bound (once per result
 * metadata), unless the component is {@link AllowMissing}.
 *
 * <pre>{@code
 * @Row
 * record User(UUID id, String name, @CqlName("zip_code") int zip, Set<String> tags,
 *             Address address, @Skip String derived) {}
 *
 * session.executeUnpaged(insertUser, new User(id, "ann", 12345, Set.of("a"), addr, null));
 * for (User u : session.queryUnpaged("SELECT id, name, zip_code, tags, address FROM ks.users",
 *     Values.EMPTY).intoRowsResult().rows(User.class)) { ... }
 * }</pre>
 *
 * <p>Retained at run time so that the session can tell a record that was not processed (the
 * processor is missing from the build) from one that is not annotated.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Row {
  /**
   * How components are matched to columns and bind markers.
   *
   * @return {@link Flavor#MATCH_BY_NAME} by default
   */
  Flavor flavor() default Flavor.MATCH_BY_NAME;

  /**
   * With {@link Flavor#ENFORCE_ORDER}: do not check that the column and bind marker names equal the
   * component names. A compile error ({@code [CqlMapper.ConflictingAnnotations]}) with {@link
   * Flavor#MATCH_BY_NAME}.
   *
   * @return false by default
   */
  boolean skipNameChecks() default false;
}
