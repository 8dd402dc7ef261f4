package test;

import org.cql4j.mapper.AllowMissing;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.Flatten;
import org.cql4j.mapper.Row;

/** A row of every primitive, one of them in a flattened row and one that may be absent. */
@Row
public record Primitives(
    boolean flag,
    byte tiny,
    short small,
    int number,
    long big,
    @AllowMissing float ratio,
    double score,
    @Flatten Stats stats) {

  /** The flattened row. */
  @Row
  public record Stats(long hits, @CqlName("miss_count") int misses) {}
}
