package test;

import org.cql4j.mapper.Transparent;

/** A newtype over text. */
// tag::email[]
@Transparent
public record Email(String value) {}
// end::email[]
