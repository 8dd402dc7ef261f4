package org.cql4j.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MonotonicTimestampGeneratorTest {

  @Test
  void returnsTheClockInMicroseconds() {
    Instant now = Instant.parse("2026-11-21T10:15:30.123456789Z");
    TimestampGenerator generator =
        new MonotonicTimestampGenerator(Clock.fixed(now, ZoneOffset.UTC));
    assertThat(generator.next()).isEqualTo(now.getEpochSecond() * 1_000_000L + 123_456L);
  }

  @Test
  void staysStrictlyIncreasingWhenTheClockStandsStill() {
    Clock stopped = Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC);
    TimestampGenerator generator = new MonotonicTimestampGenerator(stopped);
    long first = generator.next();
    assertThat(generator.next()).isEqualTo(first + 1);
    assertThat(generator.next()).isEqualTo(first + 2);
  }

  @Test
  void neverRepeatsAcrossThreads() {
    TimestampGenerator generator = new MonotonicTimestampGenerator();
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    IntStream.range(0, 100_000).parallel().forEach(i -> seen.add(generator.next()));
    assertThat(seen).hasSize(100_000);
  }
}
