package org.cql4j.testkit.proxy;

import java.util.Optional;
import org.cql4j.protocol.frame.Opcode;

/**
 * A copy of a frame a {@link Tee} caught. Immutable and thread-safe (the body is a private copy;
 * {@link #body()} returns it without copying again, do not change it).
 *
 * @param node the proxied node's number
 * @param connection the connection's number on that node
 * @param direction request or response
 * @param opcode the opcode, empty when unknown
 * @param streamId the stream id
 * @param query the CQL text, when the frame has one (see {@link ProxyFrame#query()})
 * @param body the decompressed body
 */
public record TeedFrame(
    int node,
    int connection,
    Direction direction,
    Optional<Opcode> opcode,
    int streamId,
    Optional<String> query,
    byte[] body) {}
