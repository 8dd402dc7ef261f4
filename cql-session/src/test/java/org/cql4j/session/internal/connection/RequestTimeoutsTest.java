package org.cql4j.session.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cql4j.protocol.frame.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts on an event loop whose clock the test moves ({@code EmbeddedChannel}). */
class RequestTimeoutsTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final List<String> expired = new ArrayList<>();
  private final RequestTimeouts timeouts =
      new RequestTimeouts(channel.eventLoop(), r -> expired.add(r.toString()));

  RequestTimeoutsTest() {
    channel.freezeTime(); // only advanceMillis moves the event loop's clock
  }

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private PendingRequest started(Opcode opcode, long timeoutMillis) {
    PendingRequest request =
        new PendingRequest(
            opcode, null, TimeUnit.MILLISECONDS.toNanos(timeoutMillis), System.nanoTime(), null);
    timeouts.start(request);
    return request;
  }

  private void advanceMillis(long millis) {
    channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
  }

  @Test
  void requestsOfTheSameTimeoutExpireInTheOrderTheyStarted() {
    started(Opcode.QUERY, 100);
    started(Opcode.EXECUTE, 100);

    advanceMillis(99);
    assertThat(expired).isEmpty();
    advanceMillis(2);
    assertThat(expired).containsExactly("QUERY (stream -1, QUEUED)", "EXECUTE (stream -1, QUEUED)");
  }

  @Test
  void aCompletedRequestLeavesItsQueueAndNeverExpires() {
    PendingRequest answered = started(Opcode.QUERY, 100);
    started(Opcode.EXECUTE, 100);

    answered.cancelTimeout();
    advanceMillis(101);

    assertThat(expired).containsExactly("EXECUTE (stream -1, QUEUED)");
  }

  @Test
  void aShorterTimeoutStartedLaterExpiresFirstAndOnTime() {
    started(Opcode.QUERY, 1_000);
    started(Opcode.EXECUTE, 50);

    advanceMillis(51);
    assertThat(expired).containsExactly("EXECUTE (stream -1, QUEUED)");
    advanceMillis(1_000);
    assertThat(expired).containsExactly("EXECUTE (stream -1, QUEUED)", "QUERY (stream -1, QUEUED)");
  }

  /** Retries get what is left of their timeout: many distinct values, past the queues' number. */
  @Test
  void moreDistinctTimeoutsThanQueuesStillExpireEachOnTime() {
    int count = RequestTimeouts.MAX_QUEUES + 4;
    for (int i = 1; i <= count; i++) {
      started(Opcode.QUERY, 10L * i);
    }
    for (int i = 1; i <= count; i++) {
      advanceMillis(10);
      assertThat(expired).as("after %d ms", 10 * i).hasSize(i);
    }
  }

  @Test
  void aTimeoutAlreadyElapsedWhenTheRequestStartsExpiresAtOnce() {
    PendingRequest late =
        new PendingRequest(
            Opcode.QUERY, null, 1, System.nanoTime() - TimeUnit.SECONDS.toNanos(1), null);

    timeouts.start(late);

    assertThat(expired).containsExactly("QUERY (stream -1, QUEUED)");
  }
}
