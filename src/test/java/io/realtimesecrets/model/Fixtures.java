package io.realtimesecrets.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Test fixtures (written from the spec digest, not copied) and tree comparison. */
final class Fixtures {

  // A plain mapper, independent of the library's, so the comparison does not trust the code under test.
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final Set<String> SKIP = Set.of("toJson", "toString", "hashCode", "additionalProperties",
      "explicitNulls", "getClass", "responseType", "endpoint", "toBuilder");

  private Fixtures() {
  }

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/model/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return PLAIN.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertJsonEquals(String expected, String actual) {
    assertEquals(tree(expected), tree(actual), () -> "expected " + expected + "\n but was " + actual);
  }

  /** Fails when any model object in the graph holds a field in additionalProperties (i.e. un-modelled). */
  static void assertEveryFieldModelled(Object value, String path) {
    if (value == null) {
      return;
    }
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      for (int i = 0; i < list.size(); i++) {
        assertEveryFieldModelled(list.get(i), path + "[" + i + "]");
      }
      return;
    }
    if (!value.getClass().getPackageName().equals("io.realtimesecrets.model") || value instanceof Enum) {
      return;
    }
    if (value instanceof ExtensibleObject) {
      assertTrue(((ExtensibleObject) value).additionalProperties().isEmpty(),
          () -> path + " has un-modelled fields " + ((ExtensibleObject) value).additionalProperties().keySet());
    }
    for (Method m : value.getClass().getMethods()) {
      if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && !SKIP.contains(m.getName())
          && m.getDeclaringClass().getPackageName().equals("io.realtimesecrets.model")) {
        try {
          assertEveryFieldModelled(m.invoke(value), path + "." + m.getName());
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
  }
}
