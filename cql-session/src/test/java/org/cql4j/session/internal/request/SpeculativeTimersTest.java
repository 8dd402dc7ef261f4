package org.cql4j.session.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpeculativeTimersTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final SpeculativeTimers timers = new SpeculativeTimers(scheduler);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void firesWhatIsStillArmedWhenItsDelayElapsesAndNothingElse() throws InterruptedException {
    CountDownLatch fired = new CountDownLatch(50);
    AtomicInteger disarmedFired = new AtomicInteger();
    List<SpeculativeTimers.Timer> toDisarm = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      if (i % 2 == 0) {
        timers.arm(fired::countDown, TimeUnit.MILLISECONDS.toNanos(100));
      } else {
        toDisarm.add(
            timers.arm(disarmedFired::incrementAndGet, TimeUnit.MILLISECONDS.toNanos(100)));
      }
    }
    toDisarm.forEach(timers::disarm);

    assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(System.nanoTime() - start)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(disarmedFired).hasValue(0);
  }

  @Test
  void anEarlierDelayWakesUpEarlierAndDelaysBeyondTheQueuesGetTheirOwnTask()
      throws InterruptedException {
    CountDownLatch slow = new CountDownLatch(1);
    timers.arm(slow::countDown, TimeUnit.SECONDS.toNanos(10));
    CountDownLatch fast = new CountDownLatch(SpeculativeTimers.MAX_QUEUES + 4);
    for (int i = 1; i <= SpeculativeTimers.MAX_QUEUES + 4; i++) { // distinct delays
      timers.arm(fast::countDown, TimeUnit.MILLISECONDS.toNanos(20 + i));
    }
    assertThat(fast.await(2, TimeUnit.SECONDS)).as("every short delay fired").isTrue();
    assertThat(slow.getCount()).as("the long one waits").isEqualTo(1);
  }

  @Test
  void aTimerThatFiredCanBeDisarmedHarmlessly() throws InterruptedException {
    CountDownLatch fired = new CountDownLatch(1);
    SpeculativeTimers.Timer timer = timers.arm(fired::countDown, TimeUnit.MILLISECONDS.toNanos(10));
    assertThat(fired.await(2, TimeUnit.SECONDS)).isTrue();
    timers.disarm(timer);
    CountDownLatch next = new CountDownLatch(1);
    timers.arm(next::countDown, TimeUnit.MILLISECONDS.toNanos(10));
    assertThat(next.await(2, TimeUnit.SECONDS)).as("the timers still work").isTrue();
  }

  @Test
  void aTargetThatThrowsDoesNotKeepTheOthersFromFiring() throws InterruptedException {
    CountDownLatch fired = new CountDownLatch(2);
    long delay = TimeUnit.MILLISECONDS.toNanos(10);
    timers.arm(fired::countDown, delay);
    timers.arm(
        () -> {
          throw new IllegalStateException("a broken policy");
        },
        delay);
    timers.arm(fired::countDown, delay);
    assertThat(fired.await(2, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void armingAndDisarmingFromManyThreadsLosesNoTimer() throws Exception {
    int threads = 4;
    int perThread = 5_000;
    AtomicInteger fired = new AtomicInteger();
    AtomicInteger disarmedFired = new AtomicInteger();
    AtomicInteger kept = new AtomicInteger();
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            callers.submit(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int i = 0; i < perThread; i++) {
                    long delay = TimeUnit.MICROSECONDS.toNanos(100 * (1 + random.nextInt(3)));
                    if (random.nextBoolean()) {
                      kept.incrementAndGet();
                      timers.arm(fired::incrementAndGet, delay);
                    } else {
                      // disarmed before or after it fires: either way it counts at most once
                      AtomicBoolean once = new AtomicBoolean();
                      SpeculativeTimers.Timer timer =
                          timers.arm(
                              () -> {
                                if (!once.compareAndSet(false, true)) {
                                  disarmedFired.incrementAndGet();
                                }
                              },
                              delay);
                      timers.disarm(timer);
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (fired.get() < kept.get() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    assertThat(fired).as("every timer left armed fired").hasValue(kept.get());
    assertThat(disarmedFired).as("no timer fired twice").hasValue(0);
  }
}
