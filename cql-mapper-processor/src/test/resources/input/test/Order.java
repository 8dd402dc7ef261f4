package test;

import java.time.Instant;
import java.util.UUID;
import org.cql4j.mapper.AllowMissing;
import org.cql4j.mapper.CqlName;
import org.cql4j.mapper.Flatten;
import org.cql4j.mapper.Row;

/** A row that inlines another row's columns and tolerates a missing column. */
@Row
public record Order(UUID id, @Flatten Audit audit, @AllowMissing String note) {

  /** The flattened row. */
  @Row
  public record Audit(@CqlName("created_at") Instant createdAt, @CqlName("created_by") String by) {}
}
