package org.cql4j.mapper.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import org.cql4j.mapper.CqlTuple;
import org.cql4j.mapper.Dao;
import org.cql4j.mapper.Row;
import org.cql4j.mapper.Transparent;
import org.cql4j.mapper.UserType;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates codecs for records annotated {@code @Row}, {@code @UserType}, {@code @CqlTuple} and
 * {@code @Transparent}, and implementations of {@code @Dao} interfaces ({@link DaoModelBuilder},
 * {@link DaoGenerator}): validates each into a {@link Model} ({@link ModelBuilder}), then writes
 * one class per record with the generator of its kind. Confined to javac's processing thread.
 *
 * <p>Every problem is a compile error on the offending element, prefixed with a stable id ({@link
 * ErrorId}); all problems of a type are reported together. Output is deterministic: types are
 * processed in order of their qualified names and nothing depends on time or hash order.
 */
@AutoService(Processor.class)
public final class CqlMapperProcessor extends AbstractProcessor {
  private final RowCodecGenerator rows = new RowCodecGenerator();
  private final StructCodecGenerator structs = new StructCodecGenerator();
  private static final String SCHEMA_OPTION = "cql4j.schema";
  private CqlSchema schema;
  private boolean schemaRead;

  /** Creates the processor; javac instantiates it through the service loader. */
  public CqlMapperProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        Row.class.getName(),
        UserType.class.getName(),
        CqlTuple.class.getName(),
        Transparent.class.getName(),
        Dao.class.getName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> types =
        new TreeSet<>(Comparator.comparing(t -> t.getQualifiedName().toString()));
    for (TypeElement annotation : annotations) {
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        if (e instanceof TypeElement t) {
          types.add(t);
        }
      }
    }
    for (TypeElement type : types) {
      if (type.getAnnotation(Dao.class) != null) {
        DaoModelBuilder builder =
            new DaoModelBuilder(
                processingEnv.getElementUtils(), processingEnv.getTypeUtils(), schema(type));
        DaoModel model = builder.build(type);
        report(builder.problems());
        if (model != null) {
          write(model.implementation(), DaoGenerator.generate(model), type);
        }
        continue;
      }
      ModelBuilder builder =
          new ModelBuilder(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
      RecordModel model = builder.build(type);
      report(builder.problems());
      if (model != null) {
        write(model.codec(), spec(model), type);
      }
    }
    return false;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(SCHEMA_OPTION);
  }

  /**
   * The schema of {@code -Acql4j.schema}, read once; null without the option (then a note says the
   * DAOs' tables, columns and types go unchecked) or when it cannot be read (then an error).
   */
  private CqlSchema schema(TypeElement dao) {
    if (schemaRead) {
      return schema;
    }
    schemaRead = true;
    String option = processingEnv.getOptions().get(SCHEMA_OPTION);
    if (option == null || option.isBlank()) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.NOTE,
              "[CqlMapper] DAO statements are checked without a schema: give -A"
                  + SCHEMA_OPTION
                  + "=<.cql file or folder> to check their tables, columns and types");
      return null;
    }
    try {
      schema = CqlSchema.read(Path.of(option));
    } catch (IOException | RuntimeException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              ErrorId.InvalidSchema.tag()
                  + "cannot read -A"
                  + SCHEMA_OPTION
                  + "="
                  + option
                  + ": "
                  + e.getMessage(),
              dao);
    }
    return schema;
  }

  private void report(List<Problems.Problem> problems) {
    for (Problems.Problem p : problems) {
      processingEnv
          .getMessager()
          .printMessage(Diagnostic.Kind.ERROR, p.id().tag() + p.message(), p.element());
    }
  }

  private TypeSpec spec(RecordModel model) {
    return switch (model.kind()) {
      case ROW -> rows.generate(model);
      case TRANSPARENT -> TransparentCodecGenerator.generate(model);
      default -> structs.generate(model);
    };
  }

  private void write(ClassName name, TypeSpec spec, TypeElement origin) {
    JavaFile file =
        JavaFile.builder(name.packageName(), spec).skipJavaLangImports(true).indent("  ").build();
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              "[CqlMapper.Io] cannot write " + name + ": " + e.getMessage(),
              origin);
    }
  }
}
