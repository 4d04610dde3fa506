package io.realtimesecrets.model;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

import io.realtimesecrets.model.impl.ModelMapper;

/**
 * Request body of the GA {@code POST /realtime/client_secrets}: how long the secret lives
 * ({@code expires_after}, 10 s to 2 h, default 10 min) and the session configuration it carries
 * ({@code session}, a {@link RealtimeSessionConfig} or a {@link TranscriptionSessionConfig}). Immutable
 * and thread safe.
 *
 * <pre>{@code
 * ClientSecretRequest req = ClientSecretRequest.builder()
 *     .expiresAfter(ExpiresAfter.ofSeconds(120))
 *     .session(RealtimeSessionConfig.builder().model("gpt-realtime").instructions("Be brief.").build())
 *     .build();
 * req.validate();
 * }</pre>
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = ClientSecretRequest.Builder.class)
public final class ClientSecretRequest extends GaClientSecretRequest<SessionConfig, ClientSecret> {

  private ClientSecretRequest(Builder b) {
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
  public static final String DEFAULT_MODEL = "gpt-realtime";

  /**
   * {@code {"session": {"type": "realtime", "model": "gpt-realtime"}}}.
   *
   * @return a request that passes {@link #validate()}
   */
  public static ClientSecretRequest minimal() {
    return builder().session(RealtimeSessionConfig.builder().model(DEFAULT_MODEL).build()).build();
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
  public static ClientSecretRequest fromJson(String json) {
    return ModelMapper.readRequest(json, ClientSecretRequest.class);
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.CLIENT_SECRETS;
  }

  @Override
  public Class<ClientSecret> responseType() {
    return ClientSecret.class;
  }

  @Override
  public void validate() {
    validateExpiresAfter();
    if (session() != null) {
      session().validate("session");
    } else if (isExplicitNull("session")) {
      throw Checks.fail("session", "must be an object, not null");
    }
  }

  /**
   * Builds {@link ClientSecretRequest} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends GaClientSecretRequest.Builder<SessionConfig, Builder> {

    private Builder() {
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public ClientSecretRequest build() {
      return new ClientSecretRequest(this);
    }
  }
}
