package org.cql4j.leakcheck;

import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Leaks a buffer while the engine closes a resource shared between classes, after the last class
 * has finished; run only through the test kit by {@link LeakCheckExtensionTest}.
 */
@ExtendWith(LeakAtEndFixture.SharedResourceThatLeaksOnClose.class)
class LeakAtEndFixture {

  @Test
  void passes() {}

  static final class SharedResourceThatLeaksOnClose implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      context
          .getRoot()
          .getStore(ExtensionContext.Namespace.GLOBAL)
          .put(SharedResourceThatLeaksOnClose.class, new LeaksOnClose());
    }
  }

  static final class LeaksOnClose implements AutoCloseable {
    @Override
    public void close() {
      ByteBufAllocator.DEFAULT.buffer(16).writeLong(7); // never released
    }
  }
}
