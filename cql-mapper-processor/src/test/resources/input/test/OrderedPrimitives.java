package test;

import org.cql4j.mapper.AllowMissing;
import org.cql4j.mapper.Flatten;
import org.cql4j.mapper.Flavor;
import org.cql4j.mapper.Row;

/** Primitives matched by position: a flattened row, and a trailing column that may be absent. */
@Row(flavor = Flavor.ENFORCE_ORDER)
public record OrderedPrimitives(
    long id, @Flatten Primitives.Stats stats, @AllowMissing double score) {}
