package io.realtimesecrets.model;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

import io.realtimesecrets.model.impl.ModelMapper;

/**
 * Request body of the GA {@code POST /realtime/translations/client_secrets}: the secret's lifetime and a
 * required translation {@code session} (with a required {@code model}). Immutable and thread safe.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = TranslationClientSecretRequest.Builder.class)
public final class TranslationClientSecretRequest
    extends GaClientSecretRequest<TranslationSessionConfig, TranslationClientSecret> {

  private TranslationClientSecretRequest(Builder b) {
    super(b);
  }

  /**
   * A new, empty builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The model {@link #minimal()} uses: {@value}. */
  public static final String DEFAULT_MODEL = "gpt-realtime-translate";

  /**
   * {@code {"session": {"model": "gpt-realtime-translate"}}}.
   *
   * @return a request that passes {@link #validate()}
   */
  public static TranslationClientSecretRequest minimal() {
    return builder().session(TranslationSessionConfig.builder().model(DEFAULT_MODEL).build()).build();
  }

  /**
   * Parses a request body (for example a gateway profile or a CLI argument). Unknown fields are kept and
   * sent on. Call {@link #validate()} to check the API's rules.
   *
   * @param json the JSON text
   * @return the request
   * @throws RequestValidationException with field {@code $} when the text is not a JSON object, or the
   *     JSON path of a field of the wrong type; the message never quotes the input
   */
  public static TranslationClientSecretRequest fromJson(String json) {
    return ModelMapper.readRequest(json, TranslationClientSecretRequest.class);
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.TRANSLATIONS;
  }

  @Override
  public Class<TranslationClientSecret> responseType() {
    return TranslationClientSecret.class;
  }

  @Override
  public void validate() {
    validateExpiresAfter();
    Checks.required("session", session());
    session().validate("session");
  }

  /**
   * Builds {@link TranslationClientSecretRequest} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends GaClientSecretRequest.Builder<TranslationSessionConfig, Builder> {

    private Builder() {
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public TranslationClientSecretRequest build() {
      return new TranslationClientSecretRequest(this);
    }
  }
}
