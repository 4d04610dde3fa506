package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.realtimesecrets.model.impl.Checks;
import io.realtimesecrets.model.impl.ShapeException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The output voice: a voice name ({@code "marin"}; any string, since the API adds voices) or, in GA
 * requests, a custom voice {@code {"id": "voice_1234"}}. It cannot change once the model has spoken.
 * Immutable.
 */
public final class Voice {

  /** {@code alloy}, the default. */
  public static final Voice ALLOY = named("alloy");
  /** {@code ash}. */
  public static final Voice ASH = named("ash");
  /** {@code ballad}. */
  public static final Voice BALLAD = named("ballad");
  /** {@code coral}. */
  public static final Voice CORAL = named("coral");
  /** {@code echo}. */
  public static final Voice ECHO = named("echo");
  /** {@code sage}. */
  public static final Voice SAGE = named("sage");
  /** {@code shimmer}. */
  public static final Voice SHIMMER = named("shimmer");
  /** {@code verse}. */
  public static final Voice VERSE = named("verse");
  /** {@code marin}, recommended. */
  public static final Voice MARIN = named("marin");
  /** {@code cedar}, recommended. */
  public static final Voice CEDAR = named("cedar");

  /** The built-in voice names the GA spec lists. */
  public static final List<String> BUILT_IN = List.of("alloy", "ash", "ballad", "coral", "echo", "sage",
      "shimmer", "verse", "marin", "cedar");

  private final String name;
  private final String customId;

  private Voice(String name, String customId) {
    this.name = name;
    this.customId = customId;
  }

  /**
   * A voice by name.
   *
   * @param name e.g. {@code marin}
   * @return the voice
   */
  public static Voice named(String name) {
    return new Voice(Objects.requireNonNull(name, "name"), null);
  }

  /**
   * A custom voice (GA requests only), sent as {@code {"id": id}}.
   *
   * @param id e.g. {@code voice_1234}
   * @return the voice
   */
  public static Voice custom(String id) {
    return new Voice(null, Objects.requireNonNull(id, "id"));
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Voice fromJson(JsonNode node) {
    if (node.isTextual()) {
      return named(node.asText());
    }
    if (node.isObject() && node.size() == 1 && node.path("id").isTextual()) {
      return custom(node.get("id").asText());
    }
    throw new ShapeException("must be a voice name or an object {\"id\": string}");
  }

  /**
   * The voice name.
   *
   * @return the name, or {@code null} for a custom voice
   */
  public String name() {
    return name;
  }

  /**
   * The custom voice id.
   *
   * @return the id, or {@code null} for a named voice
   */
  public String customId() {
    return customId;
  }

  @JsonValue
  Object json() {
    return name != null ? name : Map.of("id", customId);
  }

  void validate(String path, Dialect dialect) {
    if (name != null) {
      Checks.notBlank(path, name);
    } else {
      if (dialect != Dialect.GA) {
        throw Checks.fail(path, "must be a voice name; custom voices {\"id\"} need the GA endpoint");
      }
      Checks.notBlank(Checks.path(path, "id"), customId);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Voice && Objects.equals(((Voice) o).name, name)
        && Objects.equals(((Voice) o).customId, customId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, customId);
  }

  @Override
  public String toString() {
    return name != null ? name : "{id=" + customId + "}";
  }
}
