package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.ModelMapper;
import io.realtimesecrets.model.impl.ShapeException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Tracing for the session's traces dashboard: {@code "auto"} (default names) or a
 * {@link TracingConfig} object. Set the parent field to {@code null} to disable tracing (GA). It cannot
 * be changed once enabled. Immutable.
 */
public final class Tracing {

  /** {@code "auto"}: default workflow name, group id and metadata. */
  public static final Tracing AUTO = new Tracing("auto", null);

  private final String mode;
  private final TracingConfig config;

  private Tracing(String mode, TracingConfig config) {
    this.mode = mode;
    this.config = config;
  }

  /**
   * Tracing with explicit settings.
   *
   * @param config the settings
   * @return the tracing value
   */
  public static Tracing of(TracingConfig config) {
    return new Tracing(null, Objects.requireNonNull(config, "config"));
  }

  /**
   * Tracing given by a string; only {@code "auto"} is documented, others are kept for responses.
   *
   * @param mode the string
   * @return the tracing value
   */
  public static Tracing mode(String mode) {
    return "auto".equals(mode) ? AUTO : new Tracing(Objects.requireNonNull(mode, "mode"), null);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Tracing fromJson(JsonNode node) throws IOException {
    if (node.isTextual()) {
      return mode(node.asText());
    }
    if (node.isObject()) {
      return of(ModelMapper.treeToValue(node, TracingConfig.class));
    }
    throw new ShapeException("must be \"auto\" or an object");
  }

  /**
   * The string form.
   *
   * @return {@code "auto"} (or another string from a server), or {@code null} for the object form
   */
  public String mode() {
    return mode;
  }

  /**
   * The object form.
   *
   * @return the settings, or {@code null} for the string form
   */
  public TracingConfig config() {
    return config;
  }

  @JsonValue
  Object json() {
    return mode != null ? mode : config;
  }

  void validate(String path) {
    Checks.oneOf(path, mode, List.of("auto"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tracing && Objects.equals(((Tracing) o).mode, mode)
        && Objects.equals(((Tracing) o).config, config);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, config);
  }

  @Override
  public String toString() {
    return mode != null ? mode : String.valueOf(config);
  }
}
