package org.cql4j.leakcheck;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

/** Releases what it allocates; run only through the test kit by {@link LeakCheckExtensionTest}. */
class CleanFixture {

  @Test
  void releasesItsBuffer() {
    ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(16);
    try {
      buffer.writeInt(42);
    } finally {
      buffer.release();
    }
  }
}
