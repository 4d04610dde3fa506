package io.realtimesecrets.model.impl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.realtimesecrets.model.Redaction;
import io.realtimesecrets.model.RequestValidationException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The library's one private {@link ObjectMapper} and the error translation around it.
 *
 * <p>Configuration and why: unknown properties are not fatal (the models keep them); no default typing
 * (polymorphism only through our own {@code type} dispatch); {@code INCLUDE_SOURCE_IN_LOCATION} off so no
 * Jackson message can quote the body; duplicate keys rejected (a body with two {@code value}s is
 * ambiguous); no scalar coercion (a number where a string belongs is reported). It is never Vert.x's
 * global codec, which Quarkus swaps for the
 * application's mapper. Thread safe.
 */
public final class ModelMapper {

  private static final Set<String> SECRET_KEYS = Set.of("value", "authorization", "api_key", "token");

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      // A number where the API wants a string (or the reverse) is a mistake to report, not to paper over.
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .withCoercionConfig(LogicalType.Textual, c -> c
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .build();

  private ModelMapper() {
  }

  /**
   * The mapper, for the model's own (de)serializers only.
   *
   * @return the shared mapper
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Encodes a model value.
   *
   * @param value the value
   * @return JSON text
   * @throws IllegalArgumentException when the value cannot be encoded (message without content)
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + typeName(value) + " as JSON");
    }
  }

  /**
   * The JSON tree of a model value.
   *
   * @param value the value
   * @return the tree
   */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /**
   * Converts a tree into a model type (used by value types that are "a string or an object").
   *
   * @param node the tree
   * @param type the target type
   * @param <T> the target type
   * @return the value
   * @throws IOException when the tree does not fit the type
   */
  public static <T> T treeToValue(JsonNode node, Class<T> type) throws IOException {
    try (JsonParser p = MAPPER.treeAsTokens(node)) {
      return MAPPER.readValue(p, type);
    }
  }

  /**
   * The JSON of a value with secret-like strings redacted, for {@code toString()}.
   *
   * @param value the value
   * @return safe JSON text
   */
  public static String redactedJson(Object value) {
    try {
      JsonNode node = tree(value);
      return MAPPER.writeValueAsString(redact(node, null));
    } catch (RuntimeException | JsonProcessingException e) {
      return "{…}";
    }
  }

  private static JsonNode redact(JsonNode node, String key) {
    if (node.isObject()) {
      ObjectNode copy = MAPPER.createObjectNode();
      boolean allSecret = "headers".equals(key);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        copy.set(e.getKey(), allSecret && v.isTextual() ? TextNode.valueOf(Redaction.redact(v.asText()))
            : redact(v, e.getKey()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = MAPPER.createArrayNode();
      for (JsonNode n : node) {
        copy.add(redact(n, key));
      }
      return copy;
    }
    if (node.isTextual()) {
      String s = node.asText();
      String lower = s.toLowerCase(Locale.ROOT);
      if ((key != null && SECRET_KEYS.contains(key)) || lower.startsWith("ek_") || lower.startsWith("sk-")
          || lower.startsWith("bearer ")) {
        return TextNode.valueOf(Redaction.redact(s));
      }
    }
    return node;
  }

  /**
   * Parses a request body, turning every Jackson error into a {@link RequestValidationException} whose
   * field is the JSON path ({@code $} for the document) and whose rule never quotes the input.
   *
   * @param json the body
   * @param type the request type
   * @param <T> the request type
   * @return the request
   */
  public static <T> T readRequest(String json, Class<T> type) {
    if (json == null || json.isBlank()) {
      throw new RequestValidationException("$", "must be a JSON object, got an empty body");
    }
    T value;
    try {
      value = MAPPER.readValue(json, type);
    } catch (JsonMappingException e) {
      if (parseError(e) != null) {
        throw new RequestValidationException("$", "is not valid JSON" + where(parseError(e)));
      }
      String path = path(e);
      throw new RequestValidationException(path.isEmpty() ? "$" : path, mappingRule(e));
    } catch (ShapeException e) {
      throw new RequestValidationException("$", e.getMessage());
    } catch (JsonProcessingException e) {
      throw new RequestValidationException("$", "is not valid JSON" + where(e));
    }
    if (value == null) {
      throw new RequestValidationException("$", "must be a JSON object, got null");
    }
    return value;
  }

  /**
   * Decodes a response body; errors become {@link IllegalArgumentException}s that name the type and the
   * JSON path but never contain the body (which holds a secret). No cause is attached, because Jackson's
   * own messages may quote tokens of the body.
   *
   * @param json the body
   * @param type the response type
   * @param <T> the type
   * @return the value
   */
  public static <T> T readResponse(byte[] json, Class<T> type) {
    if (json == null || json.length == 0) {
      throw new IllegalArgumentException("empty response body, expected " + type.getSimpleName());
    }
    T value;
    try {
      value = MAPPER.readValue(json, type);
    } catch (JsonMappingException e) {
      if (parseError(e) != null) {
        throw new IllegalArgumentException("response body is not valid JSON" + where(parseError(e))
            + ", expected " + type.getSimpleName());
      }
      String path = path(e);
      throw new IllegalArgumentException("response body does not fit " + type.getSimpleName()
          + (path.isEmpty() ? "" : " at " + path) + ": " + mappingRule(e));
    } catch (ShapeException e) {
      throw new IllegalArgumentException("response body does not fit " + type.getSimpleName() + ": "
          + e.getMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("response body is not valid JSON" + where(e)
          + ", expected " + type.getSimpleName());
    }
    if (value == null) {
      throw new IllegalArgumentException("response body is null, expected " + type.getSimpleName());
    }
    return value;
  }

  // A syntax error found while a nested value was being bound arrives wrapped in a mapping error.
  private static StreamReadException parseError(JsonMappingException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof StreamReadException) {
        return (StreamReadException) t;
      }
    }
    return null;
  }

  private static String where(IOException e) {
    if (e instanceof JsonProcessingException && ((JsonProcessingException) e).getLocation() != null) {
      var loc = ((JsonProcessingException) e).getLocation();
      return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
    return "";
  }

  private static String mappingRule(JsonMappingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ShapeException) {
        return t.getMessage();
      }
    }
    if (e instanceof MismatchedInputException) {
      Class<?> target = ((MismatchedInputException) e).getTargetType();
      return "has the wrong JSON type" + (target == null ? "" : ", expected " + describe(target));
    }
    return "has the wrong JSON type or shape";
  }

  private static String describe(Class<?> target) {
    if (target == String.class) {
      return "a string";
    }
    if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
      return "an integer";
    }
    if (target == Double.class || target == double.class) {
      return "a number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "a boolean";
    }
    if (java.util.List.class.isAssignableFrom(target)) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(target)) {
      return "an object";
    }
    String name = target.getSimpleName();
    return name.equals("Builder") && target.getEnclosingClass() != null
        ? "an object (" + target.getEnclosingClass().getSimpleName() + ")" : name;
  }

  /**
   * The JSON path of a mapping error, e.g. {@code session.audio.output.speed} or {@code tools[0].name}.
   *
   * @param e the error
   * @return the path, empty for the document itself
   */
  public static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String typeName(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }
}
