/**
 * Checked readers and writers of the native protocol notations (native_protocol_v4.spec §3).
 * Internal: not part of the public API.
 */
package org.cql4j.protocol.internal.wire;
