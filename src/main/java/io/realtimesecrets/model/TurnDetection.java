package io.realtimesecrets.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.realtimesecrets.model.impl.TypeDispatch;
import java.util.Map;

/**
 * Voice activity detection settings ({@code turn_detection}), polymorphic on {@code type}:
 * {@link ServerVad} ({@code server_vad}) or {@link SemanticVad} ({@code semantic_vad}). A type this
 * library does not know is read as {@link UnrecognizedTurnDetection} and kept whole; an object without
 * {@code type} is read as {@link ServerVad}, the documented default.
 *
 * <p>To switch turn detection off, set the field to {@code null} on the parent builder (an explicit JSON
 * {@code null}); then the client must trigger responses itself.
 */
@JsonDeserialize(using = TurnDetection.Dispatch.class)
public abstract class TurnDetection extends ExtensibleObject {

  /** The {@code type} of server-side VAD. */
  public static final String SERVER_VAD = "server_vad";
  /** The {@code type} of semantic VAD. */
  public static final String SEMANTIC_VAD = "semantic_vad";

  TurnDetection(Builder<?> builder) {
    super(builder);
  }

  /**
   * The {@code type} discriminator as sent.
   *
   * @return {@code server_vad}, {@code semantic_vad}, another string, or {@code null} when absent
   */
  public abstract String type();

  abstract void validate(String path, Dialect dialect);

  /** Chooses the subclass by {@code type}. */
  static final class Dispatch extends TypeDispatch<TurnDetection> {
    private static final long serialVersionUID = 1L;

    Dispatch() {
      super(TurnDetection.class, Map.of(SERVER_VAD, ServerVad.class, SEMANTIC_VAD, SemanticVad.class),
          ServerVad.class, UnrecognizedTurnDetection.class);
    }
  }
}
