package org.cql4j.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.cql4j.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

/** The fuzzing helper: replayable inputs, and failure messages that say how to replay them. */
class FuzzerTest {
  private static final long SEED = 0x1234_5678_9abc_def0L;

  @Test
  void anInputDependsOnlyOnTheSeedAndItsIndex() {
    List<Integer> all = new ArrayList<>();
    Fuzzer.of("all", SEED, 0, 20).run((random, input) -> all.add(random.nextInt()));
    List<Integer> some = new ArrayList<>();
    Fuzzer.of("some", SEED, 12, 3).run((random, input) -> some.add(random.nextInt()));
    assertThat(some).isEqualTo(all.subList(12, 15));
    assertThat(all).doesNotHaveDuplicates();
  }

  @Test
  void expectedExceptionsAndIncompleteInputsCountAsRejected() {
    Fuzzer.Result result =
        Fuzzer.of("counts", SEED, 0, 30)
            .expecting(t -> t instanceof ProtocolException)
            .run(
                (random, input) -> {
                  if (random.nextBoolean()) {
                    throw new ProtocolException("field", 0, "bad");
                  }
                  return random.nextBoolean();
                });
    assertThat(result.inputs()).isEqualTo(30);
    assertThat(result.decoded()).isPositive();
    assertThat(result.decoded() + result.rejected()).isEqualTo(30);
  }

  @Test
  void aFailureNamesTheSeedTheInputAndHowToReplayIt() {
    byte[] bytes = {0x0a, 0x0b, (byte) 0xff};
    assertThatThrownBy(
            () ->
                Fuzzer.of("target", SEED, 0, 10)
                    .expecting(t -> t instanceof ProtocolException)
                    .run(
                        (random, input) -> {
                          input.bytes(bytes, 3).label("three bytes");
                          if (random.nextInt(4) == 0) {
                            throw new IllegalStateException("boom");
                          }
                          return true;
                        }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("target: input #")
        .hasMessageContaining(
            "of seed 0x123456789abcdef0 threw java.lang.IllegalStateException: boom")
        .hasMessageContaining("replay: -Dcql4j.fuzz.seed=0x123456789abcdef0 -Dcql4j.fuzz.first=")
        .hasMessageContaining("-Dcql4j.fuzz.inputs=1")
        .hasMessageContaining("three bytes")
        .hasMessageContaining("input: 0a0bff")
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void bytesStillAllocatedAfterAnInputFailIt() {
    AtomicLong inUse = new AtomicLong();
    assertThatThrownBy(
            () ->
                Fuzzer.of("leaky", SEED, 0, 10)
                    .leakCheck(inUse::get)
                    .run(
                        (random, input) -> {
                          inUse.addAndGet(16); // a buffer the input never released
                          return true;
                        }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "input #0 of seed 0x123456789abcdef0 left 16 bytes allocated (a leak)");
  }

  @Test
  void anInputThatMakesNoProgressFailsTheRunWithItsStack() {
    CountDownLatch release = new CountDownLatch(1);
    try {
      assertThatThrownBy(
              () ->
                  Fuzzer.of("stuck", SEED, 0, 10)
                      .stallAfter(300)
                      .run(
                          (random, input) -> {
                            input.label("the stuck one");
                            release.await(); // the first input hangs (interrupted by the watchdog)
                            return true;
                          }))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("input #0 of seed 0x123456789abcdef0 made no progress for 300 ms")
          .hasMessageContaining("the stuck one")
          .satisfies(
              e ->
                  assertThat(e.getStackTrace())
                      .anyMatch(frame -> frame.getMethodName().contains("lambda")));
    } finally {
      release.countDown();
    }
  }
}
