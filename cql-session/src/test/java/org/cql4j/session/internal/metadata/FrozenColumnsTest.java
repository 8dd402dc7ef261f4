package org.cql4j.session.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.cql4j.protocol.types.ColumnSpec;
import org.cql4j.protocol.types.ColumnType;
import org.junit.jupiter.api.Test;

class FrozenColumnsTest {
  private static final List<ColumnSpec> COLUMNS =
      List.of(
          new ColumnSpec("ks", "t", "id", ColumnType.INT),
          new ColumnSpec("ks", "t", "l", ColumnType.list(ColumnType.INT)));

  @Test
  void aResultWithoutCollectionsNeedsNoLookup() {
    FrozenColumns frozen =
        new FrozenColumns(
            () -> {
              throw new AssertionError("no lookup expected");
            },
            Duration.ofSeconds(1));
    List<ColumnSpec> scalars = COLUMNS.subList(0, 1);
    assertThat(frozen.resolveNow(scalars)).isSameAs(scalars);
  }

  @Test
  void aFailedLookupLeavesTheColumnsUnmarkedAndNeverHoldsTheResultBack() {
    FrozenColumns frozen = new FrozenColumns(() -> null, Duration.ofSeconds(1));
    assertThat(frozen.resolve(COLUMNS)).succeedsWithin(Duration.ofSeconds(1)).isEqualTo(COLUMNS);
    assertThat(frozen.resolveNow(COLUMNS)).isSameAs(COLUMNS);
  }
}
