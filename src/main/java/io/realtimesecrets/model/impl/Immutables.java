package io.realtimesecrets.model.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, null-tolerant unmodifiable copies of JSON-like values (the JDK's {@code List.copyOf} rejects the
 * {@code null} elements JSON allows).
 */
public final class Immutables {

  private Immutables() {
  }

  /**
   * Copies a JSON-like value so that no caller can change it later.
   *
   * @param value a string, number, boolean, null, list or map (other objects are kept as they are)
   * @return an unmodifiable deep copy for lists and maps, the value itself otherwise
   */
  public static Object deepCopy(Object value) {
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        copy.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      for (Object o : (List<?>) value) {
        copy.add(deepCopy(o));
      }
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /**
   * An unmodifiable deep copy of a JSON object.
   *
   * @param map the map, may be null
   * @return the copy, or null
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, ?> map) {
    return map == null ? null : (Map<String, Object>) deepCopy(map);
  }

  /**
   * An unmodifiable copy of a list (elements are kept as they are; model elements are immutable).
   *
   * @param list the list, may be null
   * @param <T> element type
   * @return the copy, or null
   */
  public static <T> List<T> list(List<? extends T> list) {
    return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
