package org.cql4j.mapper.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.util.Comparator;
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
import org.cql4j.mapper.Row;
import org.cql4j.mapper.Transparent;
import org.cql4j.mapper.UserType;
import org.cql4j.mapper.processor.Model.RecordModel;

/**
 * Generates codecs for records annotated {@code @Row}, {@code @UserType}, {@code @CqlTuple} and
 * {@code @Transparent}: validates each into a {@link Model} ({@link ModelBuilder}), then writes one
 * class per record with the generator of its kind. Confined to javac's processing thread.
 *
 * <p>Every problem is a compile error on the offending element, prefixed with a stable id ({@link
 * ErrorId}); all problems of a type are reported together. Output is deterministic: types are
 * processed in order of their qualified names and nothing depends on time or hash order.
 */
@AutoService(Processor.class)
public final class CqlMapperProcessor extends AbstractProcessor {
  private final RowCodecGenerator rows = new RowCodecGenerator();
  private final StructCodecGenerator structs = new StructCodecGenerator();

  /** Creates the processor; javac instantiates it through the service loader. */
  public CqlMapperProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        Row.class.getName(),
        UserType.class.getName(),
        CqlTuple.class.getName(),
        Transparent.class.getName());
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
      ModelBuilder builder =
          new ModelBuilder(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
      RecordModel model = builder.build(type);
      for (Problems.Problem p : builder.problems()) {
        processingEnv
            .getMessager()
            .printMessage(Diagnostic.Kind.ERROR, p.id().tag() + p.message(), p.element());
      }
      if (model != null) {
        write(model);
      }
    }
    return false;
  }

  private void write(RecordModel model) {
    TypeSpec spec =
        switch (model.kind()) {
          case ROW -> rows.generate(model);
          case TRANSPARENT -> TransparentCodecGenerator.generate(model);
          default -> structs.generate(model);
        };
    JavaFile file =
        JavaFile.builder(model.codec().packageName(), spec)
            .skipJavaLangImports(true)
            .indent("  ")
            .build();
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              "[CqlMapper.Io] cannot write " + model.codec() + ": " + e.getMessage(),
              model.element());
    }
  }
}
