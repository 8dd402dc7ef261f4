package org.cql4j.cli.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cql4j.session.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
  private final ScheduledExecutorService server = Executors.newScheduledThreadPool(2);

  @AfterEach
  void stopServer() {
    server.shutdownNow();
  }

  private static RunSettings count(int concurrency, double rate, long count) {
    return new RunSettings(concurrency, rate, null, count, Duration.ZERO, 1);
  }

  private static void awaitFinished(LoadGenerator load) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!load.finished()) {
      assertThat(System.nanoTime()).as("the run finishes").isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  /** A runner whose operations take about a millisecond, tracking how many run at once. */
  private final class SlowRunner implements OperationRunner {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();

    @Override
    public CompletableFuture<QueryResult> run(int op, long index) {
      started.incrementAndGet();
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      CompletableFuture<QueryResult> future = new CompletableFuture<>();
      server.schedule(
          () -> {
            inFlight.decrementAndGet();
            if (index % 10 == 0) {
              future.completeExceptionally(new IllegalStateException("every tenth fails"));
            } else {
              future.complete(null);
            }
          },
          1,
          TimeUnit.MILLISECONDS);
      return future;
    }
  }

  @Test
  void aClosedLoopRunsExactlyTheCountWithAtMostTheConcurrencyInFlight() throws Exception {
    SlowRunner runner = new SlowRunner();
    OperationMeters meters = new OperationMeters(1);
    LoadGenerator load = new LoadGenerator(runner, meters, count(8, 0, 2_000), new int[] {1});
    load.start();
    awaitFinished(load);
    assertThat(runner.started).hasValue(2_000);
    assertThat(runner.maxInFlight.get()).isEqualTo(8);
    assertThat(meters.takeInterval(0).getTotalCount()).isEqualTo(1_800);
    assertThat(meters.errors(0)).isEqualTo(200);
    assertThat(meters.errorKinds())
        .containsOnlyKeys("IllegalStateException")
        .hasEntrySatisfying(
            "IllegalStateException",
            e -> {
              assertThat(e.count().sum()).isEqualTo(200);
              assertThat(e.example()).isEqualTo("IllegalStateException: every tenth fails");
            });
  }

  @Test
  void operationsThatCompleteAtOnceRunOnTheLoadThreadNotTheCaller() throws Exception {
    OperationMeters meters = new OperationMeters(1);
    LoadGenerator load =
        new LoadGenerator(
            (op, index) -> CompletableFuture.completedFuture(null),
            meters,
            count(4, 0, 100_000),
            new int[] {1});
    load.start(); // returns at once although every operation completes synchronously
    awaitFinished(load);
    assertThat(meters.takeInterval(0).getTotalCount()).isEqualTo(100_000);
  }

  @Test
  void aRateLimitedRunStartsNoFasterThanItsRate() throws Exception {
    SlowRunner runner = new SlowRunner();
    LoadGenerator load =
        new LoadGenerator(runner, new OperationMeters(1), count(16, 2_000, 500), new int[] {1});
    long start = System.nanoTime();
    load.start();
    awaitFinished(load);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(runner.started).hasValue(500);
    // operation k starts at k / rate: the 500th no earlier than 249.5 ms after the first
    assertThat(millis).isGreaterThanOrEqualTo(249);
    assertThat(runner.maxInFlight.get()).isLessThanOrEqualTo(16);
  }

  @Test
  void operationsArePickedByWeightTheSameWayForTheSameSeed() {
    LoadGenerator a =
        new LoadGenerator(
            (op, i) -> null, new OperationMeters(2), count(1, 0, 1), new int[] {3, 1});
    LoadGenerator b =
        new LoadGenerator(
            (op, i) -> null, new OperationMeters(2), count(1, 0, 1), new int[] {3, 1});
    int[] picks = new int[2];
    for (long k = 0; k < 100_000; k++) {
      int op = a.pick(k);
      assertThat(b.pick(k)).isEqualTo(op);
      picks[op]++;
    }
    assertThat((double) picks[0] / picks[1]).isBetween(2.9, 3.1);
  }
}
