package org.cql4j.testkit.internal.proxy;

/**
 * A frame {@link FrameEncoder} sends in a segment whose payload CRC32 is broken. Immutable; owns
 * the frame until written.
 *
 * @param frame the frame
 */
record CorruptedFrame(RawFrame frame) {}
