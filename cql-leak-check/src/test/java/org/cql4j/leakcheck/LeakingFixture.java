package org.cql4j.leakcheck;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

/**
 * Leaks a buffer; run only through the JUnit Platform test kit by {@link LeakCheckExtensionTest}.
 */
class LeakingFixture {

  @Test
  void leaksABuffer() {
    ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(16);
    buffer.writeInt(42); // never released
  }
}
