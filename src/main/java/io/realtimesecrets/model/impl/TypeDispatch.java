package io.realtimesecrets.model.impl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a JSON object as one of several model classes chosen by its {@code type} field.
 *
 * <p>Written by hand instead of {@code @JsonTypeInfo} because the API needs three outcomes Jackson's
 * type ids cannot express together: a known type, a missing type (which some schemas default), and an
 * unknown type that must be kept whole rather than rejected, since the API adds types over time.
 *
 * @param <T> the common base type
 */
public abstract class TypeDispatch<T> extends StdDeserializer<T> {

  private static final long serialVersionUID = 1L;

  private final Map<String, Class<? extends T>> byType;
  private final Class<? extends T> whenMissing;
  private final Class<? extends T> whenUnknown;

  /**
   * Creates the dispatcher.
   *
   * @param base the common base type
   * @param byType the class for each known {@code type} value
   * @param whenMissing the class for objects without a string {@code type}
   * @param whenUnknown the class for any other {@code type}
   */
  protected TypeDispatch(Class<T> base, Map<String, Class<? extends T>> byType,
      Class<? extends T> whenMissing, Class<? extends T> whenUnknown) {
    super(base);
    this.byType = Map.copyOf(byType);
    this.whenMissing = whenMissing;
    this.whenUnknown = whenUnknown;
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNode node = ctxt.readTree(p);
    if (!node.isObject()) {
      throw new ShapeException("must be a JSON object");
    }
    JsonNode type = node.get("type");
    Class<? extends T> target = type == null || !type.isTextual() ? whenMissing
        : byType.getOrDefault(type.asText(), whenUnknown);
    try (JsonParser sub = p.getCodec().treeAsTokens(node)) {
      sub.nextToken();
      return ctxt.readValue(sub, target);
    }
  }
}
