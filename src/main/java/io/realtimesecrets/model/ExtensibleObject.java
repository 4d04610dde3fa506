package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.realtimesecrets.model.impl.Immutables;
import io.realtimesecrets.model.impl.ModelMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON object of the Realtime API that keeps what this library does not model.
 *
 * <p>The API adds fields over time. Every model object therefore keeps unknown fields
 * ({@link #additionalProperties()}) and the known fields the JSON set to an explicit {@code null}
 * ({@link #explicitNulls()}; for {@code turn_detection}, {@code tracing} or {@code noise_reduction} a
 * {@code null} means "off", which is not the same as leaving the field out). Both are written back by
 * the library's encoder, so parsing and re-encoding gives the same JSON.
 *
 * <p>Instances are immutable and thread safe. Equality is JSON equality (same class, same encoded tree).
 * {@code toString()} shows the JSON with secret-like values ({@code value}, {@code authorization},
 * {@code headers}, anything starting with {@code ek_} or {@code sk-}) redacted by {@link Redaction}.
 */
// NON_NULL here, not on the mapper: a mapper-wide rule would also drop the nulls inside unknown fields
// and explicit nulls written through the any-getter, so parse-then-encode would no longer be exact.
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ExtensibleObject {

  private final Map<String, Object> additionalProperties;
  private final Set<String> explicitNulls;
  // the exact text a response was decoded from: handed on unchanged, and no encoding on the /token path
  private volatile String sourceJson;

  /**
   * Copies the unknown fields and explicit nulls collected by a builder.
   *
   * @param builder the builder
   */
  protected ExtensibleObject(Builder<?> builder) {
    this.additionalProperties = builder.builtAdditional();
    this.explicitNulls = builder.builtNulls();
  }

  /**
   * Fields of this JSON object that the library does not model, in arrival order, with their JSON values
   * (strings, numbers, booleans, {@code null}, and unmodifiable lists and maps).
   *
   * @return an unmodifiable map, empty when there are none
   */
  public final Map<String, Object> additionalProperties() {
    return additionalProperties;
  }

  /**
   * Names of the modelled fields that are present with the JSON value {@code null} (for example
   * {@code turn_detection} to switch voice activity detection off). Their Java getters return
   * {@code null}, exactly like absent fields; this set tells the two apart.
   *
   * @return an unmodifiable set of JSON field names
   */
  public final Set<String> explicitNulls() {
    return explicitNulls;
  }

  /**
   * Whether the JSON field {@code jsonName} is present with the value {@code null}.
   *
   * @param jsonName the JSON field name, e.g. {@code turn_detection}
   * @return true when present as {@code null}
   */
  public final boolean isExplicitNull(String jsonName) {
    return explicitNulls.contains(jsonName) || (additionalProperties.containsKey(jsonName)
        && additionalProperties.get(jsonName) == null);
  }

  // Jackson writes these after the modelled properties; JSON object order carries no meaning.
  @JsonAnyGetter
  Map<String, Object> jsonExtras() {
    if (explicitNulls.isEmpty()) {
      return additionalProperties;
    }
    Map<String, Object> all = new LinkedHashMap<>(additionalProperties);
    for (String name : explicitNulls) {
      all.put(name, null);
    }
    return all;
  }

  /**
   * This object as JSON: for a response decoded by {@link ModelJson#decode}, exactly the text the upstream
   * sent (so a gateway passes it on unchanged, and pays no encoding per hand-out); otherwise encoded by the
   * library's own mapper, unknown fields and explicit nulls included.
   *
   * @return the JSON text
   */
  public String toJson() {
    String source = sourceJson;
    return source != null ? source : ModelMapper.write(this);
  }

  /** Remembers the text this object was decoded from; set once, right after decoding. */
  final void keepSourceJson(String json) {
    this.sourceJson = json;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o != null && o.getClass() == getClass()
        && ModelMapper.tree(this).equals(ModelMapper.tree(o));
  }

  @Override
  public int hashCode() {
    return ModelMapper.tree(this).hashCode();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + ModelMapper.redactedJson(this);
  }

  /**
   * What every model builder shares: unknown fields and explicit nulls.
   *
   * <p>Setter rule for every builder: leaving a field unset omits it from the JSON; passing {@code null}
   * sends an explicit JSON {@code null}. Builders are not thread safe; the objects they build are.
   *
   * @param <B> the concrete builder type
   */
  public abstract static class Builder<B extends Builder<B>> {
    // Created on first use: most builders never see an unknown field or an explicit null. A built object
    // holds a read-only view of the builder's own collection (no copy per object decoded); a builder used
    // again after build() copies it before changing it, so the built object never changes.
    private Map<String, Object> additional;
    private Set<String> nulls;
    private boolean additionalBuilt;
    private boolean nullsBuilt;

    /** Creates an empty builder. */
    protected Builder() {
    }

    /**
     * Adds a field this library does not model; it is sent as is. Lists and maps are copied.
     *
     * @param name the JSON field name
     * @param value a JSON value: string, number, boolean, {@code null}, list or map of those
     * @return this builder
     */
    @JsonAnySetter
    public final B additionalProperty(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (additional == null) {
        additional = new LinkedHashMap<>();
      } else if (additionalBuilt) {
        additional = new LinkedHashMap<>(additional);
        additionalBuilt = false;
      }
      additional.put(name, Immutables.deepCopy(value));
      return self();
    }

    /**
     * Records whether a modelled field was set to {@code null} (sent as JSON {@code null}).
     *
     * @param jsonName the JSON field name
     * @param value the value it was set to
     */
    protected final void track(String jsonName, Object value) {
      if (value == null) {
        if (nulls == null) {
          nulls = new LinkedHashSet<>();
        } else if (nullsBuilt) {
          nulls = new LinkedHashSet<>(nulls);
          nullsBuilt = false;
        }
        nulls.add(jsonName);
      } else if (nulls != null && nulls.contains(jsonName)) {
        if (nullsBuilt) {
          nulls = new LinkedHashSet<>(nulls);
          nullsBuilt = false;
        }
        nulls.remove(jsonName);
      }
    }

    private Map<String, Object> builtAdditional() {
      if (additional == null || additional.isEmpty()) {
        return Collections.emptyMap();
      }
      additionalBuilt = true;
      return Collections.unmodifiableMap(additional);
    }

    private Set<String> builtNulls() {
      if (nulls == null || nulls.isEmpty()) {
        return Collections.emptySet();
      }
      nullsBuilt = true;
      return Collections.unmodifiableSet(nulls);
    }

    /**
     * This builder, typed.
     *
     * @return this
     */
    @SuppressWarnings("unchecked")
    protected final B self() {
      return (B) this;
    }
  }
}
