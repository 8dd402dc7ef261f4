package org.cql4j.protocol.message;

/** A message a client sends (native_protocol_v4.spec §4.1). Immutable and thread-safe. */
public sealed interface Request extends Message
    permits Startup, AuthResponse, Options, Query, Prepare, Execute, Batch, Register {}
