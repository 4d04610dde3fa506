package io.realtimesecrets.model.impl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserSequence;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a JSON object as one of several model classes chosen by its {@code type} field.
 *
 * <p>Written by hand instead of {@code @JsonTypeInfo} because the API needs three outcomes Jackson's
 * type ids cannot express together: a known type, a missing type (which some schemas default), and an
 * unknown type that must be kept whole rather than rejected, since the API adds types over time.
 *
 * <p>One pass over the input: the fields before {@code type} (none, in what the API sends) are buffered as
 * tokens, then the chosen class reads the buffer followed by the rest of the object straight from the
 * parser. No JSON tree is built and nothing is parsed twice.
 *
 * @param <T> the common base type
 */
public abstract class TypeDispatch<T> extends StdDeserializer<T> {

  private static final long serialVersionUID = 1L;
  private static final String TYPE = "type";

  private final Map<String, Class<? extends T>> byType;
  private final Class<? extends T> whenMissing;
  private final Class<? extends T> whenUnknown;
  // each target's deserializer, found once: a lookup by class per value introspects the class's annotations
  private final Map<Class<?>, JsonDeserializer<Object>> targets = new ConcurrentHashMap<>();

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
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      t = p.nextToken();
    } else if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
      throw new ShapeException("must be a JSON object");
    }
    // the tokens read before the type is known, replayed to the chosen class ahead of the rest
    TokenBuffer seen = ctxt.bufferForInputBuffering(p);
    seen.writeStartObject();
    Class<? extends T> target = whenMissing;
    boolean typed = false;
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      seen.writeFieldName(name);
      if (TYPE.equals(name)) {
        target = value == JsonToken.VALUE_STRING ? byType.getOrDefault(p.getText(), whenUnknown) : whenMissing;
        seen.copyCurrentStructure(p);
        typed = true;
        break;
      }
      seen.copyCurrentStructure(p);
    }
    JsonParser replay;
    if (typed) {
      // the rest of the object comes from the input itself once the buffered head is read (the sequence
      // advances the input past the type's value when it switches to it)
      replay = JsonParserSequence.createFlattened(false, seen.asParser(p), p);
    } else {
      // the whole object was read without finding a string type: it is all in the buffer
      seen.writeEndObject();
      replay = seen.asParser(p);
    }
    replay.nextToken();
    @SuppressWarnings("unchecked")
    T value = (T) deserializerOf(target, ctxt).deserialize(replay, ctxt);
    if (!typed) {
      replay.close();
    }
    return value;
  }

  private JsonDeserializer<Object> deserializerOf(Class<? extends T> target, DeserializationContext ctxt)
      throws IOException {
    JsonDeserializer<Object> d = targets.get(target);
    if (d == null) {
      d = ctxt.findRootValueDeserializer(ctxt.constructType(target));
      targets.put(target, d);
    }
    return d;
  }
}
