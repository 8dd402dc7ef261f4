package org.cql4j.session.internal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cql4j.session.internal.request.ConcurrencyLimiter.Admission;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {

  @Test
  void admitsUpToTheLimitQueuesUpToTheQueueAndRefusesTheRest() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(2, 2);
    List<String> started = new ArrayList<>();
    assertThat(limiter.admit(() -> started.add("a"))).isEqualTo(Admission.START);
    assertThat(limiter.admit(() -> started.add("b"))).isEqualTo(Admission.START);
    assertThat(limiter.admit(() -> started.add("c"))).isEqualTo(Admission.QUEUED);
    assertThat(limiter.admit(() -> started.add("d"))).isEqualTo(Admission.QUEUED);
    assertThat(limiter.admit(() -> started.add("e"))).isEqualTo(Admission.REJECTED);
    assertThat(limiter.refusal())
        .hasMessageContaining("2 requests in flight and 2 waiting")
        .hasMessageContaining("maxConcurrentRequests");
    assertThat(started).isEmpty();

    limiter.release();
    assertThat(started).as("the first waiting starts, in arrival order").containsExactly("c");
    assertThat(limiter.inFlight()).isEqualTo(2);
    assertThat(limiter.queued()).isEqualTo(1);
    limiter.release();
    limiter.release();
    assertThat(started).containsExactly("c", "d");
    assertThat(limiter.inFlight()).isEqualTo(1);
    assertThat(limiter.admit(() -> {})).as("nobody waits: straight in").isEqualTo(Admission.START);
  }

  @Test
  void refusesLimitsThatAdmitNothing() {
    assertThatThrownBy(() -> new ConcurrencyLimiter(0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConcurrencyLimiter(1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestsThatCompleteAtOnceWhenStartedDoNotGrowTheStack() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 200_000);
    assertThat(limiter.admit(() -> {})).isEqualTo(Admission.START);
    AtomicInteger ran = new AtomicInteger();
    for (int i = 0; i < 200_000; i++) {
      assertThat(
              limiter.admit(
                  () -> {
                    ran.incrementAndGet();
                    limiter.release(); // e.g. timed out while it waited
                  }))
          .isEqualTo(Admission.QUEUED);
    }
    limiter.release(); // would nest 200,000 deep without the drain guard
    assertThat(ran).hasValue(200_000);
    assertThat(limiter.inFlight()).isZero();
    assertThat(limiter.queued()).isZero();
  }

  @Test
  void underContentionNeverExceedsTheLimitAndEveryWaitingRequestStarts() throws Exception {
    int max = 8;
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(max, 1_000_000);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    ConcurrentLinkedQueue<Boolean> holding = new ConcurrentLinkedQueue<>();
    int threads = 4;
    int perThread = 50_000;
    CountDownLatch done = new CountDownLatch(threads);
    Runnable onStart =
        () -> {
          int now = running.incrementAndGet();
          peak.accumulateAndGet(now, Math::max);
          started.incrementAndGet();
          holding.add(Boolean.TRUE);
        };
    for (int t = 0; t < threads; t++) {
      new Thread(
              () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < perThread; i++) {
                  Admission a = limiter.admit(onStart::run);
                  if (a == Admission.START) {
                    onStart.run();
                  } else if (a == Admission.REJECTED) {
                    rejected.incrementAndGet();
                  }
                  // complete some of the running requests, from any thread
                  int completions = random.nextInt(3);
                  for (int c = 0; c < completions && holding.poll() != null; c++) {
                    running.decrementAndGet();
                    limiter.release();
                  }
                }
                done.countDown();
              })
          .start();
    }
    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    while (holding.poll() != null) { // complete everything still running; waiting ones start
      running.decrementAndGet();
      limiter.release();
    }
    assertThat(peak.get()).isLessThanOrEqualTo(max);
    assertThat(rejected).hasValue(0);
    assertThat(started).hasValue(threads * perThread);
    assertThat(limiter.inFlight()).isZero();
    assertThat(limiter.queued()).isZero();
  }
}
