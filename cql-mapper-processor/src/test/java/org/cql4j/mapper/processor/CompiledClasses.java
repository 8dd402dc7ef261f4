package org.cql4j.mapper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Loads the classes of a successful compilation (the test records and their generated codecs),
 * delegating everything else (cql-protocol, the annotations) to the test class path. Thread-safe as
 * class loaders are.
 */
final class CompiledClasses extends ClassLoader {
  private final Map<String, byte[]> classes = new HashMap<>();

  CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    assertThat(compilation).succeeded();
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String name =
            f.getName().replaceFirst("^/CLASS_OUTPUT/", "").replace(".class", "").replace('/', '.');
        try (InputStream in = f.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /** A compiled class, as {@code Class<Object>} so that its codecs take any object. */
  @SuppressWarnings("unchecked")
  Class<Object> type(String name) {
    try {
      return (Class<Object>) loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates a record through its canonical constructor. */
  Object record(String name, Object... components) {
    try {
      Constructor<?> c = loadClass(name).getDeclaredConstructors()[0];
      c.setAccessible(true);
      return c.newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Calls {@code deserializer()} or {@code serializer()} on a new instance of a codec class. */
  @SuppressWarnings("unchecked")
  <T> T codec(String codecClass, String accessor) {
    try {
      Object codec = loadClass(codecClass).getConstructor().newInstance();
      return (T) codec.getClass().getMethod(accessor).invoke(codec);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
