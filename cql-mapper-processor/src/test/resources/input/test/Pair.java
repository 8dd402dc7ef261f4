package test;

import org.cql4j.mapper.CqlTuple;

/** A tuple. */
@CqlTuple
public record Pair(int number, String label) {}
