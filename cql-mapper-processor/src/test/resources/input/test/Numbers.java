package test;

import org.cql4j.mapper.CqlTuple;

/** A tuple of every primitive. */
@CqlTuple
public record Numbers(
    boolean flag, byte tiny, short small, int number, long big, float ratio, double score) {}
