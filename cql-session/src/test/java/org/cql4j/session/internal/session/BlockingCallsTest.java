package org.cql4j.session.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.cql4j.protocol.CqlException;
import org.cql4j.session.errors.ConnectionException;
import org.junit.jupiter.api.Test;

class BlockingCallsTest {

  @Test
  void rethrowsTheFailureUnwrapped() {
    ConnectionException failure = new ConnectionException("node down");
    assertThatThrownBy(() -> BlockingCalls.await(CompletableFuture.failedFuture(failure)))
        .isSameAs(failure);
    CompletableFuture<Object> wrapped = new CompletableFuture<>();
    wrapped.completeExceptionally(new CompletionException(failure));
    assertThatThrownBy(() -> BlockingCalls.await(wrapped)).isSameAs(failure);
  }

  @Test
  void refusesToBlockADriverIoThread() throws Exception {
    AtomicReference<Throwable> error = new AtomicReference<>();
    Thread io =
        new DefaultThreadFactory("cql4j-nio", true)
            .newThread(
                () -> {
                  try {
                    BlockingCalls.await(new CompletableFuture<>());
                  } catch (Throwable t) {
                    error.set(t);
                  }
                });
    io.start();
    io.join(10_000);
    assertThat(error.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("would deadlock")
        .hasMessageContaining("Async");
  }

  @Test
  void turnsAnInterruptIntoADriverErrorAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> BlockingCalls.await(new CompletableFuture<>()))
          .isInstanceOf(CqlException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
