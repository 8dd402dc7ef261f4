package org.cql4j.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.engine;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class LeakCheckExtensionTest {

  @Test
  void nettyCreatesRecordingDetectorsAtTheParanoidLevel() {
    assertThat(ResourceLeakDetectorFactory.instance().newResourceLeakDetector(ByteBuf.class))
        .isInstanceOf(RecordingLeakDetector.class);
    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
  }

  @Test
  void failsTheClassThatLeaksWithTheLeaksRecords() {
    EngineExecutionResults results = run(LeakingFixture.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(LeakingFixture.class),
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        text ->
                            text.contains("by the end of " + LeakingFixture.class.getName())
                                && text.contains("LEAK 1 of 1: ByteBuf")
                                && text.contains("Created at:")
                                && text.contains("LeakingFixture.leaksABuffer")))));
  }

  @Test
  void passesTheClassThatReleases() {
    EngineExecutionResults results = run(CleanFixture.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
  }

  @Test
  void failsTheRunWhenALeakShowsUpAfterTheLastClass() {
    EngineExecutionResults results = run(LeakAtEndFixture.class);

    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(1, event(container(LeakAtEndFixture.class), finishedSuccessfully()))
        .haveExactly(
            1,
            event(
                engine(),
                finishedWithFailure(
                    message(
                        text ->
                            text.contains("after the last test class")
                                && text.contains("LeaksOnClose.close")))));
  }

  @Test
  void reportsALeakEvenWhenNoOtherBufferIsAllocatedAfterIt() {
    ByteBufAllocator.DEFAULT.buffer(8).writeByte(1); // never released

    assertThat(LeakRecorder.detect(2))
        .singleElement()
        .satisfies(leak -> assertThat(leak.resourceType()).isEqualTo("ByteBuf"))
        .satisfies(
            leak ->
                assertThat(leak.records())
                    .contains("reportsALeakEvenWhenNoOtherBufferIsAllocatedAfterIt"));
  }

  @Test
  void failsLoudlyWhenNettyDoesNotUseTheRecordingDetector() {
    assertThatThrownBy(
            () ->
                LeakRecorder.assertActive(
                    new ResourceLeakDetector<>(Object.class, 1),
                    ResourceLeakDetector.Level.PARANOID))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("The leak check is not active")
        .hasMessageContaining(LeakRecorder.DETECTOR_PROPERTY);
    assertThatThrownBy(
            () ->
                LeakRecorder.assertActive(
                    new RecordingLeakDetector<>(Object.class, 1),
                    ResourceLeakDetector.Level.SIMPLE))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("needs PARANOID");
  }

  private static EngineExecutionResults run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .configurationParameter(
            "junit.jupiter.extensions.autodetection.include", "org.cql4j.leakcheck.*")
        .selectors(selectClass(testClass))
        .execute();
  }
}
