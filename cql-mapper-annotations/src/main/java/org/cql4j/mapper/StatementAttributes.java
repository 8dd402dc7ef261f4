package org.cql4j.mapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings of the statement a {@link Query} method runs, applied once when it is prepared; an
 * attribute left at its default leaves the setting to the execution profile. Names are checked at
 * compile time.
 *
 * <pre>{@code
 * @Query("SELECT * FROM ks.events WHERE day = ?")
 * @StatementAttributes(consistency = "LOCAL_QUORUM", pageSize = 500, idempotent = true)
 * QueryPager events(LocalDate day);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface StatementAttributes {
  /**
   * The consistency, a constant of {@code org.cql4j.protocol.Consistency} such as {@code
   * "LOCAL_QUORUM"}; empty for the profile's.
   *
   * @return the consistency's name
   */
  String consistency() default "";

  /**
   * The serial consistency of a lightweight transaction, {@code "SERIAL"} or {@code
   * "LOCAL_SERIAL"}; empty for the profile's.
   *
   * @return the serial consistency's name
   */
  String serialConsistency() default "";

  /**
   * The page size of the method's {@code QueryPager}; 0 for the session's.
   *
   * @return rows per page
   */
  int pageSize() default 0;

  /**
   * The request timeout in milliseconds; 0 for the profile's.
   *
   * @return the timeout
   */
  long timeoutMillis() default 0;

  /**
   * Whether the statement is idempotent (retried and speculatively executed); {@code {}} leaves the
   * statement's default.
   *
   * @return one value, or none
   */
  boolean[] idempotent() default {};

  /**
   * The name of the execution profile to run with, as registered with {@code
   * SessionBuilder.executionProfile(name, handle)}; empty for the session's default.
   *
   * @return the profile's name
   */
  String profile() default "";
}
