package org.cql4j.cli;

import picocli.CommandLine.IVersionProvider;

/** The version line of {@code --version}: the jar's implementation version. Thread-safe. */
public final class Version implements IVersionProvider {

  /** Creates the provider; picocli calls this. */
  public Version() {}

  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"cql4j " + (version == null ? "(development build)" : version)};
  }
}
