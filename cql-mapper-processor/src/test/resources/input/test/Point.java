package test;

import org.cql4j.mapper.Flavor;
import org.cql4j.mapper.Row;

/** A row matched by position. */
@Row(flavor = Flavor.ENFORCE_ORDER)
public record Point(int x, int y, String label) {}
