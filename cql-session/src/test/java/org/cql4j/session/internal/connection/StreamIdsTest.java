package org.cql4j.session.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class StreamIdsTest {

  @Test
  void handsOutEveryIdOnceThenReportsExhaustion() {
    StreamIds ids = new StreamIds();
    BitSet seen = new BitSet();
    for (int i = 0; i < 32768; i++) {
      int id = ids.acquire();
      assertThat(id).isBetween(0, 32767);
      assertThat(seen.get(id)).as("id %d handed out twice", id).isFalse();
      seen.set(id);
    }
    assertThat(ids.taken()).isEqualTo(32768);
    assertThat(ids.acquire()).isEqualTo(-1);
  }

  @Test
  void reusesReleasedIds() {
    StreamIds ids = new StreamIds();
    for (int i = 0; i < 32768; i++) {
      ids.acquire();
    }
    ids.release(12345);
    ids.release(7);
    assertThat(ids.taken()).isEqualTo(32766);
    int a = ids.acquire();
    int b = ids.acquire();
    assertThat(new int[] {a, b}).containsExactlyInAnyOrder(7, 12345);
    assertThat(ids.acquire()).isEqualTo(-1);
  }

  @Test
  void refusesToReleaseAnIdThatIsNotTaken() {
    StreamIds ids = new StreamIds();
    int id = ids.acquire();
    ids.release(id);
    assertThatThrownBy(() -> ids.release(id)).hasMessageContaining("not taken");
    assertThatThrownBy(() -> ids.release(32768)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ids.release(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void smallAllocatorsForTests() {
    StreamIds ids = new StreamIds(64);
    for (int i = 0; i < 64; i++) {
      assertThat(ids.acquire()).isEqualTo(i);
    }
    assertThat(ids.acquire()).isEqualTo(-1);
    assertThatThrownBy(() -> new StreamIds(100)).isInstanceOf(IllegalArgumentException.class);
  }
}
