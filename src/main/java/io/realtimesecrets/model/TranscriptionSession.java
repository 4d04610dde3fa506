package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import io.realtimesecrets.model.impl.Immutables;

import java.util.List;

import java.time.Instant;

/**
 * Response of the beta {@code POST /realtime/transcription_sessions}: the transcription session with a
 * {@code client_secret} {@code {value, expires_at}}. The settings use the same types as
 * {@link TranscriptionSessionRequest}. Unknown fields are kept and re-emitted. {@code toString()} shows
 * only a redacted secret. Immutable and thread safe.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TranscriptionSession.Builder.class)
public final class TranscriptionSession extends ExtensibleObject implements EphemeralSecret {

  private final ClientSecretValue clientSecret;
  private final String id;
  private final String object;
  private final Long sessionExpiresAt;
  private final List<Modality> modalities;
  private final BetaAudioFormat inputAudioFormat;
  private final AudioTranscription inputAudioTranscription;
  private final TurnDetection turnDetection;
  private final NoiseReduction inputAudioNoiseReduction;
  private final List<IncludeOption> include;

  private TranscriptionSession(Builder b) {
    super(b);
    this.clientSecret = b.clientSecret;
    this.id = b.id;
    this.object = b.object;
    this.sessionExpiresAt = b.sessionExpiresAt;
    this.modalities = Immutables.list(b.modalities);
    this.inputAudioFormat = b.inputAudioFormat;
    this.inputAudioTranscription = b.inputAudioTranscription;
    this.turnDetection = b.turnDetection;
    this.inputAudioNoiseReduction = b.inputAudioNoiseReduction;
    this.include = Immutables.list(b.include);
  }

  /**
   * A new, empty builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The ephemeral secret and its expiry.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("client_secret")
  public ClientSecretValue clientSecret() {
    return clientSecret;
  }

  /**
   * Session id ({@code sess_...}).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("id")
  public String id() {
    return id;
  }

  /**
   * Object kind.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("object")
  public String object() {
    return object;
  }

  /**
   * The session's expiry, Unix seconds (not the secret's).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("expires_at")
  public Long sessionExpiresAt() {
    return sessionExpiresAt;
  }

  /**
   * Modalities (as the server echoes them).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("modalities")
  public List<Modality> modalities() {
    return modalities;
  }

  /**
   * Input format; default {@code pcm16}.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("input_audio_format")
  public BetaAudioFormat inputAudioFormat() {
    return inputAudioFormat;
  }

  /**
   * Transcription settings (model, language, languages, keywords, prompt, delay).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("input_audio_transcription")
  public AudioTranscription inputAudioTranscription() {
    return inputAudioTranscription;
  }

  /**
   * Server VAD only; {@code null} turns it off.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("turn_detection")
  public TurnDetection turnDetection() {
    return turnDetection;
  }

  /**
   * Input noise reduction; {@code null} turns it off.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("input_audio_noise_reduction")
  public NoiseReduction inputAudioNoiseReduction() {
    return inputAudioNoiseReduction;
  }

  /**
   * Extra fields to include in server outputs.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("include")
  public List<IncludeOption> include() {
    return include;
  }

  @Override
  public String secretValue() {
    return clientSecret == null ? null : clientSecret.value();
  }

  @Override
  public Instant expiresAt() {
    Long seconds = clientSecret == null ? null : clientSecret.expiresAt();
    return seconds == null ? null : Instant.ofEpochSecond(seconds);
  }

  @Override
  public String toJson() {
    return super.toJson();
  }

  @Override
  public String toString() {
    return super.toString();
  }

  /**
   * Builds {@link TranscriptionSession} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private ClientSecretValue clientSecret;
    private String id;
    private String object;
    private Long sessionExpiresAt;
    private List<Modality> modalities;
    private BetaAudioFormat inputAudioFormat;
    private AudioTranscription inputAudioTranscription;
    private TurnDetection turnDetection;
    private NoiseReduction inputAudioNoiseReduction;
    private List<IncludeOption> include;

    private Builder() {
    }

    /**
     * Sets {@code client_secret}: the ephemeral secret and its expiry.
     *
     * @param clientSecret the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("client_secret")
    public Builder clientSecret(ClientSecretValue clientSecret) {
      this.clientSecret = clientSecret;
      track("client_secret", clientSecret);
      return this;
    }

    /**
     * Sets {@code id}: session id ({@code sess_...}).
     *
     * @param id the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("id")
    public Builder id(String id) {
      this.id = id;
      track("id", id);
      return this;
    }

    /**
     * Sets {@code object}: object kind.
     *
     * @param object the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("object")
    public Builder object(String object) {
      this.object = object;
      track("object", object);
      return this;
    }

    /**
     * Sets {@code expires_at}: the session's expiry, Unix seconds (not the secret's).
     *
     * @param sessionExpiresAt the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("expires_at")
    public Builder sessionExpiresAt(Long sessionExpiresAt) {
      this.sessionExpiresAt = sessionExpiresAt;
      track("expires_at", sessionExpiresAt);
      return this;
    }

    /**
     * Sets {@code modalities}: modalities (as the server echoes them).
     *
     * @param modalities the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("modalities")
    public Builder modalities(List<Modality> modalities) {
      this.modalities = modalities;
      track("modalities", modalities);
      return this;
    }

    /**
     * Sets {@code input_audio_format}: input format; default {@code pcm16}.
     *
     * @param inputAudioFormat the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("input_audio_format")
    public Builder inputAudioFormat(BetaAudioFormat inputAudioFormat) {
      this.inputAudioFormat = inputAudioFormat;
      track("input_audio_format", inputAudioFormat);
      return this;
    }

    /**
     * Sets {@code input_audio_transcription}: transcription settings (model, language, languages, keywords, prompt, delay).
     *
     * @param inputAudioTranscription the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("input_audio_transcription")
    public Builder inputAudioTranscription(AudioTranscription inputAudioTranscription) {
      this.inputAudioTranscription = inputAudioTranscription;
      track("input_audio_transcription", inputAudioTranscription);
      return this;
    }

    /**
     * Sets {@code turn_detection}: server VAD only; {@code null} turns it off.
     *
     * @param turnDetection the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("turn_detection")
    public Builder turnDetection(TurnDetection turnDetection) {
      this.turnDetection = turnDetection;
      track("turn_detection", turnDetection);
      return this;
    }

    /**
     * Sets {@code input_audio_noise_reduction}: input noise reduction; {@code null} turns it off.
     *
     * @param inputAudioNoiseReduction the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("input_audio_noise_reduction")
    public Builder inputAudioNoiseReduction(NoiseReduction inputAudioNoiseReduction) {
      this.inputAudioNoiseReduction = inputAudioNoiseReduction;
      track("input_audio_noise_reduction", inputAudioNoiseReduction);
      return this;
    }

    /**
     * Sets {@code include}: extra fields to include in server outputs.
     *
     * @param include the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("include")
    public Builder include(List<IncludeOption> include) {
      this.include = include;
      track("include", include);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public TranscriptionSession build() {
      return new TranscriptionSession(this);
    }
  }
}
