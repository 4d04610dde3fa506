package io.realtimesecrets.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.realtimesecrets.model.impl.TypeDispatch;
import java.util.Map;

/**
 * The GA {@code session} object of {@code POST /realtime/client_secrets}, in the request (the
 * configuration to attach to the secret) and in the response (the effective session), polymorphic on
 * {@code type}: {@link RealtimeSessionConfig} ({@code realtime}) or {@link TranscriptionSessionConfig}
 * ({@code transcription}). Any other or a missing {@code type} is read as
 * {@link UnrecognizedSessionConfig} and kept whole: a response never fails on it, a request fails
 * {@code validate()} with a clear message.
 */
@JsonDeserialize(using = SessionConfig.Dispatch.class)
public abstract class SessionConfig extends ExtensibleObject {

  /** The {@code type} of a speech-to-speech session. */
  public static final String REALTIME = "realtime";
  /** The {@code type} of a transcription-only session. */
  public static final String TRANSCRIPTION = "transcription";

  SessionConfig(Builder<?> builder) {
    super(builder);
  }

  /**
   * The {@code type} discriminator as sent.
   *
   * @return {@code realtime}, {@code transcription}, another string, or {@code null} when absent
   */
  public abstract String type();

  abstract void validate(String path);

  /** Chooses the subclass by {@code type}. */
  static final class Dispatch extends TypeDispatch<SessionConfig> {
    private static final long serialVersionUID = 1L;

    Dispatch() {
      super(SessionConfig.class, Map.of(REALTIME, RealtimeSessionConfig.class,
          TRANSCRIPTION, TranscriptionSessionConfig.class),
          UnrecognizedSessionConfig.class, UnrecognizedSessionConfig.class);
    }
  }
}
