package org.cql4j.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cql4j.protocol.Consistency;
import org.cql4j.protocol.SerialConsistency;
import org.junit.jupiter.api.Test;

class ShellCommandsTest {
  private final StringWriter text = new StringWriter();
  private final ShellSettings settings = new ShellSettings(Consistency.LOCAL_ONE, 100);
  private final List<Path> sourced = new ArrayList<>();
  private final ShellCommands commands =
      new ShellCommands(settings, new PrintWriter(text, true), null, p -> sourced.add(p) && false);

  @Test
  void recognisesShellCommandsByTheirFirstWord() {
    assertThat(ShellCommands.isCommand("describe tables")).isTrue();
    assertThat(ShellCommands.isCommand("  TRACING ON")).isTrue();
    assertThat(ShellCommands.isCommand("exit;")).isTrue();
    assertThat(ShellCommands.isCommand("SELECT * FROM t")).isFalse();
    assertThat(ShellCommands.isCommand("USE ks")).isFalse();
  }

  @Test
  void showsAndSetsTheConsistency() {
    commands.execute("CONSISTENCY");
    commands.execute("consistency quorum");
    commands.execute("CONSISTENCY");
    assertThat(settings.consistency()).isEqualTo(Consistency.QUORUM);
    assertThat(text.toString())
        .isEqualTo(
            "Current consistency level is LOCAL_ONE.\n"
                + "Consistency level set to QUORUM.\n"
                + "Current consistency level is QUORUM.\n");
    assertThatThrownBy(() -> commands.execute("CONSISTENCY MOST"))
        .isInstanceOf(ShellException.class)
        .hasMessageContaining("'MOST' is not one of ANY, ONE");
  }

  @Test
  void showsAndSetsTheSerialConsistency() {
    commands.execute("SERIAL CONSISTENCY local_serial");
    assertThat(settings.serialConsistency()).isEqualTo(SerialConsistency.LOCAL_SERIAL);
    assertThat(text.toString()).isEqualTo("Serial consistency level set to LOCAL_SERIAL.\n");
    assertThatThrownBy(() -> commands.execute("SERIAL CONSISTENCY ONE"))
        .isInstanceOf(ShellException.class);
  }

  @Test
  void turnsTracingAndPagingOnAndOff() {
    commands.execute("TRACING ON");
    assertThat(settings.tracing()).isTrue();
    commands.execute("tracing off");
    assertThat(settings.tracing()).isFalse();
    commands.execute("PAGING OFF");
    assertThat(settings.paging()).isFalse();
    commands.execute("PAGING 7");
    assertThat(settings.paging()).isTrue();
    assertThat(settings.pageSize()).isEqualTo(7);
    assertThat(text.toString())
        .isEqualTo(
            "Now Tracing is enabled\nDisabled Tracing.\nDisabled Query paging.\n"
                + "Now Query paging is enabled\nPage size: 7\n");
    assertThatThrownBy(() -> commands.execute("PAGING 0")).isInstanceOf(ShellException.class);
    assertThatThrownBy(() -> commands.execute("TRACING MAYBE")).isInstanceOf(ShellException.class);
  }

  @Test
  void sourceUnquotesThePathAndReportsFailure() {
    assertThat(commands.execute("SOURCE '/tmp/x y.cql'")).isEqualTo(ShellCommands.Result.FAILED);
    assertThat(sourced).containsExactly(Path.of("/tmp/x y.cql"));
  }

  @Test
  void exitAndQuitLeave() {
    assertThat(commands.execute("EXIT")).isEqualTo(ShellCommands.Result.EXIT);
    assertThat(commands.execute("quit")).isEqualTo(ShellCommands.Result.EXIT);
  }
}
