package org.cql4j.protocol.message;

/** A message a server sends (native_protocol_v4.spec §4.2). Immutable and thread-safe. */
public sealed interface Response extends Message
    permits ErrorMessage,
        Ready,
        Authenticate,
        Supported,
        Result,
        Event,
        AuthChallenge,
        AuthSuccess {}
