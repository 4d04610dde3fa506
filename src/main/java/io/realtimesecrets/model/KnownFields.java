package io.realtimesecrets.model;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.ModelMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the fields of a parsed request that its model types do not know.
 *
 * <p>Nothing here lists field names: a model object already keeps every field it does not model in
 * {@link ExtensibleObject#additionalProperties()}, and the fields it does model are the properties
 * Jackson sees on its runtime class (the {@code @JsonProperty} getters). Polymorphic parts
 * ({@code session}, {@code tools[i]}, {@code turn_detection}) were resolved by their {@code type} while
 * parsing, so each object is checked against the fields of its own variant. Free-form JSON (a tool's
 * {@code parameters}, {@code metadata}, prompt {@code variables}, MCP {@code headers}) is a map and is
 * not descended into. Objects of an unrecognized {@code type} are skipped: their {@code type} is the
 * error, which {@code validate()} reports. Thread safe.
 */
final class KnownFields {

  /** What the walk needs of a class: the JSON value accessor, or the modelled properties. */
  private static final class Shape {
    final AnnotatedMember jsonValue;
    final List<BeanPropertyDefinition> properties;

    Shape(AnnotatedMember jsonValue, List<BeanPropertyDefinition> properties) {
      this.jsonValue = jsonValue;
      this.properties = properties;
    }
  }

  private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

  private KnownFields() {
  }

  static List<UnknownField> find(Object root) {
    List<UnknownField> found = new ArrayList<>();
    walk(root, "", found);
    return found;
  }

  /**
   * The JSON names of the fields a model class knows, in declaration order.
   *
   * @param type a model class (the runtime class of a parsed object)
   * @return the names
   */
  static List<String> names(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (BeanPropertyDefinition p : shape(type).properties) {
      names.add(p.getName());
    }
    return names;
  }

  private static void walk(Object value, String path, List<UnknownField> found) {
    if (value == null || value instanceof Map || value instanceof CharSequence || value instanceof Number
        || value instanceof Boolean || value instanceof Enum) {
      return;
    }
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", found);
      }
      return;
    }
    Shape shape = shape(value.getClass());
    if (shape.jsonValue != null) {
      walk(shape.jsonValue.getValue(value), path, found);
      return;
    }
    if (!(value instanceof ExtensibleObject) || isUnrecognizedType(value)) {
      return;
    }
    for (String name : ((ExtensibleObject) value).additionalProperties().keySet()) {
      found.add(new UnknownField(Checks.path(path, name), suggest(name, shape.properties)));
    }
    for (BeanPropertyDefinition p : shape.properties) {
      walk(p.getAccessor().getValue(value), Checks.path(path, p.getName()), found);
    }
  }

  private static boolean isUnrecognizedType(Object value) {
    return value instanceof UnrecognizedSessionConfig || value instanceof UnrecognizedTool
        || value instanceof UnrecognizedTurnDetection;
  }

  private static Shape shape(Class<?> type) {
    return SHAPES.computeIfAbsent(type, t -> {
      SerializationConfig config = ModelMapper.mapper().getSerializationConfig();
      JavaType javaType = config.constructType(t);
      BeanDescription description = config.introspect(javaType);
      AnnotatedMember jsonValue = description.findJsonValueAccessor();
      if (jsonValue != null) {
        // the value accessors are package-private: they are the JSON form, not API
        jsonValue.fixAccess(true);
        return new Shape(jsonValue, List.of());
      }
      List<BeanPropertyDefinition> properties = new ArrayList<>();
      for (BeanPropertyDefinition p : description.findProperties()) {
        if (p.getAccessor() != null) {
          p.getAccessor().fixAccess(true);
          properties.add(p);
        }
      }
      return new Shape(null, List.copyOf(properties));
    });
  }

  /**
   * The known name closest to {@code name}: the same letters ignoring case and {@code _ -}, or an
   * edit distance (insert, delete, substitute, swap two neighbours) of at most a third of its length,
   * 1 to 3.
   */
  private static String suggest(String name, List<BeanPropertyDefinition> known) {
    String normalized = normalize(name);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (BeanPropertyDefinition p : known) {
      String candidate = p.getName();
      if (normalize(candidate).equals(normalized)) {
        return candidate;
      }
      int d = distance(name.toLowerCase(Locale.ROOT), candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(3, name.length() / 3));
    return bestDistance <= allowed ? best : null;
  }

  private static String normalize(String s) {
    return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
