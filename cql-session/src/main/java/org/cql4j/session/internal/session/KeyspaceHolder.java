package org.cql4j.session.internal.session;

import java.util.Optional;

/**
 * The session's current keyspace, read by pools for every new connection. Thread-safe (volatile).
 */
public final class KeyspaceHolder {
  private volatile String name;

  /** The keyspace as a quoted CQL identifier (the exact name the server reported), or null. */
  public String cql() {
    String n = name;
    return n == null ? null : "\"" + n.replace("\"", "\"\"") + "\"";
  }

  /** The keyspace name as the server reported it, or empty. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * Records the keyspace the server switched to.
   *
   * @param name the name from the SET_KEYSPACE result
   */
  public void set(String name) {
    this.name = name;
  }
}
