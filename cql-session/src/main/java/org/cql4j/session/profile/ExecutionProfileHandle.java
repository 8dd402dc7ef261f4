package org.cql4j.session.profile;

import java.util.Objects;

/**
 * A shared, remappable reference to an {@link ExecutionProfile}. Thread-safe: the profile is held
 * in a volatile field, so {@link #mapToAnotherProfile} takes effect at once for every session and
 * statement holding this handle, for requests started afterwards.
 *
 * <pre>{@code
 * ExecutionProfileHandle h = p1.intoHandle();
 * statement.setExecutionProfileHandle(h);
 * h.mapToAnotherProfile(p2);   // statement now runs with p2
 * }</pre>
 */
public final class ExecutionProfileHandle {
  private volatile ExecutionProfile profile;

  ExecutionProfileHandle(ExecutionProfile profile) {
    this.profile = Objects.requireNonNull(profile, "profile");
  }

  /** The profile this handle currently points at. Thread-safe. */
  public ExecutionProfile profile() {
    return profile;
  }

  /**
   * Points this handle at another profile; every holder of the handle uses it for requests started
   * from now on. Thread-safe.
   *
   * @param profile the new profile
   */
  public void mapToAnotherProfile(ExecutionProfile profile) {
    this.profile = Objects.requireNonNull(profile, "profile");
  }

  @Override
  public String toString() {
    return "ExecutionProfileHandle[" + profile + "]";
  }
}
