package test;

import org.cql4j.mapper.CqlName;

/** An enum stored as text: two constants by name, one renamed. */
// tag::status[]
public enum Status {
  ACTIVE,
  @CqlName("on-hold")
  ON_HOLD,
  CLOSED
}
// end::status[]
