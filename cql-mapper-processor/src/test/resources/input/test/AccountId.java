package test;

import org.cql4j.mapper.Transparent;

/** A newtype over a primitive. */
@Transparent
public record AccountId(long value) {}
