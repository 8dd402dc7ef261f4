package org.cql4j.cli.shell;

import java.util.Objects;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;

/**
 * What the shell's own commands change: consistency levels, tracing and paging. Not thread-safe;
 * confined to the shell's thread.
 */
public final class ShellSettings {

  /** The page size when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  private Consistency consistency;
  private SerialConsistency serialConsistency = SerialConsistency.SERIAL;
  private boolean tracing;
  private boolean paging = true;
  private int pageSize;

  /**
   * Creates the settings.
   *
   * @param consistency the initial consistency level
   * @param pageSize the initial page size, at least 1
   */
  public ShellSettings(Consistency consistency, int pageSize) {
    this.consistency = Objects.requireNonNull(consistency, "consistency");
    setPageSize(pageSize);
  }

  /** The consistency level of the statements run. */
  public Consistency consistency() {
    return consistency;
  }

  /**
   * Sets the consistency level of the statements run.
   *
   * @param consistency the level
   */
  public void setConsistency(Consistency consistency) {
    this.consistency = Objects.requireNonNull(consistency, "consistency");
  }

  /** The serial consistency level of conditional statements (default SERIAL). */
  public SerialConsistency serialConsistency() {
    return serialConsistency;
  }

  /**
   * Sets the serial consistency level of conditional statements.
   *
   * @param serialConsistency the level
   */
  public void setSerialConsistency(SerialConsistency serialConsistency) {
    this.serialConsistency = Objects.requireNonNull(serialConsistency, "serialConsistency");
  }

  /** Whether statements are traced and their traces printed (default off). */
  public boolean tracing() {
    return tracing;
  }

  /**
   * Turns tracing on or off.
   *
   * @param tracing whether to trace
   */
  public void setTracing(boolean tracing) {
    this.tracing = tracing;
  }

  /** Whether results are fetched and shown page by page (default on). */
  public boolean paging() {
    return paging;
  }

  /**
   * Turns paging on or off.
   *
   * @param paging whether to page
   */
  public void setPaging(boolean paging) {
    this.paging = paging;
  }

  /** The number of rows per page. */
  public int pageSize() {
    return pageSize;
  }

  /**
   * Sets the number of rows per page.
   *
   * @param pageSize at least 1
   * @throws IllegalArgumentException if less than 1
   */
  public void setPageSize(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("the page size must be at least 1, not " + pageSize);
    }
    this.pageSize = pageSize;
  }
}
