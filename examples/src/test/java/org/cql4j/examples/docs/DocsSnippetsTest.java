package org.cql4j.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code on the docs/ pages identical to compiled sources.
 *
 * <p>A page marks a code block with {@code <!-- snippet: path/to/File.java#tag -->}; the block must
 * equal the lines between {@code // tag::tag[]} and {@code // end::tag[]} in that file,
 * de-indented. Without {@code #tag} the block is the whole file (a workload script, say). Run with
 * {@code -Dcql4j.docs.update=true} to rewrite the pages from the sources.
 */
class DocsSnippetsTest {
  private static final Pattern SNIPPET =
      Pattern.compile(
          "<!-- snippet: ([^\\s#]+)(?:#(\\S+))? -->\\n```(\\w+)\\n(.*?)```", Pattern.DOTALL);
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everySnippetMatchesItsCompiledSource() throws IOException {
    boolean update = Boolean.getBoolean("cql4j.docs.update");
    List<String> stale = new ArrayList<>();
    int snippets = 0;
    try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
      for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        String text = Files.readString(page);
        Matcher m = SNIPPET.matcher(text);
        StringBuilder rewritten = new StringBuilder();
        while (m.find()) {
          snippets++;
          Path source = ROOT.resolve(m.group(1));
          String tag = m.group(2);
          String expected = tag == null ? Files.readString(source) : region(source, tag);
          String name = m.group(1) + (tag == null ? "" : "#" + tag);
          if (!m.group(4).equals(expected)) {
            stale.add(page.getFileName() + " <- " + name);
          }
          String block = "<!-- snippet: " + name + " -->\n```" + m.group(3) + "\n";
          m.appendReplacement(rewritten, Matcher.quoteReplacement(block + expected + "```"));
        }
        m.appendTail(rewritten);
        if (update) {
          Files.writeString(page, rewritten.toString());
        }
      }
    }
    assertThat(snippets).as("snippets found in docs/").isPositive();
    if (!update) {
      assertThat(stale)
          .as("docs snippets that differ from their sources (rerun with -Dcql4j.docs.update=true)")
          .isEmpty();
    }
  }

  private static String region(Path source, String tag) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int start = indexOf(lines, "// tag::" + tag + "[]", source);
    int end = indexOf(lines, "// end::" + tag + "[]", source);
    List<String> body = lines.subList(start + 1, end);
    int indent =
        body.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder out = new StringBuilder();
    for (String line : body) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }

  private static int indexOf(List<String> lines, String marker, Path source) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError(source + " has no line '" + marker + "'");
  }
}
