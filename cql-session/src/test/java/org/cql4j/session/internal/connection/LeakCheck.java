package org.cql4j.session.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty's leak detector (PARANOID in the build) reports a buffer that was
 * garbage-collected without being released. Thread-safe: the listener is global.
 *
 * <p>After each test it runs the GC a few times and allocates, which makes the detector report what
 * the GC found; any report fails the test that just ran (or, for a leak from an earlier test, the
 * first test after it).
 */
public final class LeakCheck implements AfterEachCallback {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  static {
    ByteBufUtil.setLeakListener((type, records) -> LEAKS.add(type + ": " + records));
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
      // allocations make the detector poll its reference queue and report
      for (int j = 0; j < 16; j++) {
        ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(16);
        a.release();
        ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
        b.release();
      }
    }
    List<String> found = List.copyOf(LEAKS);
    LEAKS.clear();
    assertThat(found).as("leaked buffers").isEmpty();
  }
}
