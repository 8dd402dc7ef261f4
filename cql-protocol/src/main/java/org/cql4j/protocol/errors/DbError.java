package org.cql4j.protocol.errors;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cql4j.protocol.Consistency;

/**
 * Which error a server reported, with the details its ERROR body carries (native_protocol_v4.spec
 * §9, native_protocol_v5.spec §8). Every variant is an immutable, thread-safe record.
 *
 * <p>Consistencies may be serial ({@link Consistency#SERIAL}, {@link Consistency#LOCAL_SERIAL})
 * when the failing request was a conditional write.
 */
public sealed interface DbError {

  /**
   * The error code of this variant on the wire; -1 for {@link RateLimitReached} (whose code is
   * negotiated, see {@link DbException#code()}) and the carried code for {@link Other}.
   */
  int code();

  /** The variant's name, e.g. {@code "WriteTimeout"}. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** 0x2000: the query has a syntax error. */
  record SyntaxError() implements DbError {
    @Override
    public int code() {
      return 0x2000;
    }
  }

  /** 0x2200: the query is syntactically correct but invalid (e.g. an unknown table). */
  record Invalid() implements DbError {
    @Override
    public int code() {
      return 0x2200;
    }
  }

  /**
   * 0x1000: not enough replicas were alive to satisfy the consistency.
   *
   * @param consistency the consistency of the request
   * @param required how many replicas had to be alive
   * @param alive how many were known to be alive
   */
  record Unavailable(Consistency consistency, int required, int alive) implements DbError {
    @Override
    public int code() {
      return 0x1000;
    }
  }

  /**
   * 0x1200: a read timed out.
   *
   * @param consistency the consistency of the request
   * @param received how many replicas answered
   * @param blockFor how many answers were needed
   * @param dataPresent whether the replica asked for data answered
   */
  record ReadTimeout(Consistency consistency, int received, int blockFor, boolean dataPresent)
      implements DbError {
    @Override
    public int code() {
      return 0x1200;
    }
  }

  /**
   * 0x1100: a write timed out.
   *
   * @param consistency the consistency of the request
   * @param received how many replicas acknowledged
   * @param blockFor how many acknowledgements were needed
   * @param writeType the kind of write
   */
  record WriteTimeout(Consistency consistency, int received, int blockFor, WriteType writeType)
      implements DbError {
    @Override
    public int code() {
      return 0x1100;
    }
  }

  /**
   * 0x1300: a read failed on some replicas for a reason other than a timeout.
   *
   * @param consistency the consistency of the request
   * @param received how many replicas answered
   * @param blockFor how many answers were needed
   * @param numFailures how many replicas failed (v4 sends only this count)
   * @param reasonMap failure code per failed replica; empty in protocol v4, which sends only the
   *     count (the map arrives with v5)
   * @param dataPresent whether the replica asked for data answered
   */
  record ReadFailure(
      Consistency consistency,
      int received,
      int blockFor,
      int numFailures,
      Map<InetAddress, Integer> reasonMap,
      boolean dataPresent)
      implements DbError {
    /** Copies the reason map into an unmodifiable map. */
    public ReadFailure {
      reasonMap = Map.copyOf(reasonMap);
    }

    @Override
    public int code() {
      return 0x1300;
    }
  }

  /**
   * 0x1500: a write failed on some replicas for a reason other than a timeout.
   *
   * @param consistency the consistency of the request
   * @param received how many replicas acknowledged
   * @param blockFor how many acknowledgements were needed
   * @param numFailures how many replicas failed (v4 sends only this count)
   * @param reasonMap failure code per failed replica; empty in protocol v4 (see {@link
   *     ReadFailure})
   * @param writeType the kind of write
   */
  record WriteFailure(
      Consistency consistency,
      int received,
      int blockFor,
      int numFailures,
      Map<InetAddress, Integer> reasonMap,
      WriteType writeType)
      implements DbError {
    /** Copies the reason map into an unmodifiable map. */
    public WriteFailure {
      reasonMap = Map.copyOf(reasonMap);
    }

    @Override
    public int code() {
      return 0x1500;
    }
  }

  /**
   * 0x1600 (protocol v5): a write failed because the space for change data capture was exhausted.
   */
  record CdcWriteFailure() implements DbError {
    @Override
    public int code() {
      return 0x1600;
    }
  }

  /**
   * 0x1700 (protocol v5): a contended conditional write was only partly done; a contending write or
   * a serial read may or may not complete it, so its outcome is unknown.
   *
   * @param consistency the consistency of the request
   * @param received how many replicas acknowledged
   * @param blockFor how many acknowledgements were needed
   */
  record CasWriteUnknown(Consistency consistency, int received, int blockFor) implements DbError {
    @Override
    public int code() {
      return 0x1700;
    }
  }

  /**
   * 0x1400: a user-defined function failed.
   *
   * @param keyspace the function's keyspace
   * @param function the function's name
   * @param argTypes the CQL types of its arguments
   */
  record FunctionFailure(String keyspace, String function, List<String> argTypes)
      implements DbError {
    /** Copies the argument types into an unmodifiable list. */
    public FunctionFailure {
      argTypes = List.copyOf(argTypes);
    }

    @Override
    public int code() {
      return 0x1400;
    }
  }

  /**
   * 0x2400: the keyspace or table to create already exists.
   *
   * @param keyspace the keyspace that exists, or that holds the table that exists
   * @param table the table that exists, or empty when the keyspace does
   */
  record AlreadyExists(String keyspace, String table) implements DbError {
    @Override
    public int code() {
      return 0x2400;
    }
  }

  /**
   * 0x2500: the prepared statement id is unknown to the node; prepare it again.
   *
   * @param id the unknown statement id (equality and hashing use its contents)
   */
  record Unprepared(byte[] id) implements DbError {
    /** Copies the id so the record stays immutable. */
    public Unprepared {
      id = id.clone();
    }

    /** A copy of the unknown statement id. */
    @Override
    public byte[] id() {
      return id.clone();
    }

    @Override
    public int code() {
      return 0x2500;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unprepared other && Arrays.equals(id, other.id);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
      return "Unprepared[id=0x" + HexFormat.of().formatHex(id) + "]";
    }
  }

  /** 0x1001: the coordinator is overloaded. */
  record Overloaded() implements DbError {
    @Override
    public int code() {
      return 0x1001;
    }
  }

  /** 0x1002: the coordinator is bootstrapping. */
  record IsBootstrapping() implements DbError {
    @Override
    public int code() {
      return 0x1002;
    }
  }

  /** 0x1003: a truncation failed. */
  record TruncateError() implements DbError {
    @Override
    public int code() {
      return 0x1003;
    }
  }

  /** 0x0000: something unexpected happened on the server (a server bug). */
  record ServerError() implements DbError {
    @Override
    public int code() {
      return 0x0000;
    }
  }

  /** 0x000A: the server saw a protocol violation from the client. */
  record ProtocolError() implements DbError {
    @Override
    public int code() {
      return 0x000A;
    }
  }

  /** 0x0100: authentication was required and failed. */
  record AuthenticationError() implements DbError {
    @Override
    public int code() {
      return 0x0100;
    }
  }

  /** 0x2100: the logged-in user may not perform the query. */
  record Unauthorized() implements DbError {
    @Override
    public int code() {
      return 0x2100;
    }
  }

  /** 0x2300: the query is invalid because of a configuration issue. */
  record ConfigError() implements DbError {
    @Override
    public int code() {
      return 0x2300;
    }
  }

  /**
   * ScyllaDB: the operation went over the per-partition rate limit; do not retry blindly. Its code
   * is the one advertised under {@code SCYLLA_RATE_LIMIT_ERROR} in SUPPORTED
   * (scylla-protocol-extensions.md, "Rate limit error").
   *
   * @param operationType whether a read or a write was limited
   * @param rejectedByCoordinator whether the coordinator (rather than replicas) rejected it
   */
  record RateLimitReached(OperationType operationType, boolean rejectedByCoordinator)
      implements DbError {
    @Override
    public int code() {
      return -1;
    }
  }

  /**
   * An error code cql4j does not know (for instance one added by a later protocol version); the
   * server's message still explains it.
   *
   * @param code the error code
   */
  record Other(int code) implements DbError {}
}
