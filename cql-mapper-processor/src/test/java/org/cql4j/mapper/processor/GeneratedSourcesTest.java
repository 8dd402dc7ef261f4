package org.cql4j.mapper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class GeneratedSourcesTest {

  @Test
  void generatesTheGoldenSourcesForRepresentativeTypes() {
    Compilation compilation = Sources.compile(Sources.representative());
    assertThat(compilation).succeededWithoutWarnings();
    for (String codec :
        List.of(
            "User_CqlRowCodec",
            "Point_CqlRowCodec",
            "Address_CqlUdtCodec",
            "OrderedAddress_CqlUdtCodec",
            "Pair_CqlTupleCodec")) {
      assertThat(compilation)
          .generatedSourceFile("test." + codec)
          .hasSourceEquivalentTo(Sources.golden("test/" + codec + ".java"));
    }
  }

  @Test
  void generatesTheGoldenSourcesForEnumsTransparentRecordsAndCustomCodecs() {
    Compilation compilation = Sources.compile(Sources.valueMappings());
    assertThat(compilation).succeededWithoutWarnings();
    for (String codec :
        List.of(
            "Account_CqlRowCodec",
            "Contact_CqlUdtCodec",
            "Email_CqlTransparentCodec",
            "AccountId_CqlTransparentCodec")) {
      assertThat(compilation)
          .generatedSourceFile("test." + codec)
          .hasSourceEquivalentTo(Sources.golden("test/" + codec + ".java"));
    }
  }

  @Test
  void generatesTheGoldenDao() {
    Compilation compilation = Sources.compile(Sources.dao());
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.PersonDao_CqlDao")
        .hasSourceEquivalentTo(Sources.golden("test/PersonDao_CqlDao.java"));
  }

  /**
   * Rewrites the golden files from the current generator: {@code ./mvnw ... verify
   * -Dcql4j.updateGolden=true}, then review the diff.
   */
  @Test
  void updatesGoldenFilesWhenAsked() throws IOException {
    if (!Boolean.getBoolean("cql4j.updateGolden")) {
      return;
    }
    List<JavaFileObject> inputs = new ArrayList<>(Sources.representative());
    inputs.addAll(Sources.valueMappings());
    inputs.addAll(Sources.dao());
    for (JavaFileObject f : Sources.compile(inputs).generatedSourceFiles()) {
      Path target =
          Path.of("src/test/resources/golden", f.getName().replaceFirst("^/SOURCE_OUTPUT/", ""));
      Files.createDirectories(target.getParent());
      Files.writeString(target, f.getCharContent(true));
    }
  }

  @Test
  void outputIsIdenticalAcrossCompilationsAndInputOrders() throws IOException {
    List<JavaFileObject> reversed = new ArrayList<>(Sources.representative());
    Collections.reverse(reversed);
    Map<String, String> first = sources(Sources.compile(Sources.representative()));
    Map<String, String> second = sources(Sources.compile(Sources.representative()));
    Map<String, String> third = sources(Sources.compile(reversed));
    assertThat(first).hasSize(5).isEqualTo(second).isEqualTo(third);
    assertThat(first.values()).noneMatch(s -> s.contains("date ="));
  }

  @Test
  void nestedRecordsGetTheOuterNamePrefixed() {
    Compilation compilation =
        Sources.compile(
            "Outer",
            "package test;",
            "public class Outer {",
            "  @org.cql4j.mapper.Row public record Inner(int a) {}",
            "}");
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("test.Outer_Inner_CqlRowCodec");
  }

  private static Map<String, String> sources(Compilation compilation) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (JavaFileObject f : compilation.generatedSourceFiles()) {
      out.put(f.getName(), f.getCharContent(true).toString());
    }
    return out;
  }
}
