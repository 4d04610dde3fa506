package io.realtimesecrets.gateway;

import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.RealtimeSessionRequest;
import io.realtimesecrets.model.RequestValidationException;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.model.SecretRequests;
import io.realtimesecrets.model.TranscriptionSessionRequest;
import io.realtimesecrets.model.TranslationClientSecretRequest;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One kind of secret the gateway serves: the endpoint, the fixed request body it mints with, and how its
 * pool is sized. Callers of {@code /token/{name}} choose a profile by name and can change nothing else,
 * so the session configuration (model, voice, instructions, tools...) stays under the operator's control.
 *
 * <p>A profile marked {@linkplain #perUser() per-user} has no pool: each call mints on demand with an
 * {@code OpenAI-Safety-Identifier} derived from the caller's identity.
 *
 * <p>Immutable and thread safe. Build with {@link #builder(String)} or read with {@link #fromJson(String,
 * JsonObject)}; both validate everything (request rules included) and fail with a
 * {@link GatewayConfigException} naming the profile and the field.
 */
public final class GatewayProfile {

  /** Name of the profile served by {@code /token} when no other default is configured = {@value}. */
  public static final String DEFAULT_NAME = "default";

  /** Endpoint of the built-in default profile = {@code client_secrets} (GA). */
  public static final Endpoint DEFAULT_ENDPOINT = Endpoint.CLIENT_SECRETS;

  /**
   * Request body of the built-in default profile = {@value}: a GA realtime session on
   * {@code gpt-realtime}, with the server's default secret lifetime (10 minutes).
   */
  public static final String DEFAULT_REQUEST =
      "{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}";

  /** Default of {@link #perUser()} = false (pooled). */
  public static final boolean DEFAULT_PER_USER = false;

  /**
   * Default of {@link Builder#maxConcurrentMints(int)}: 16 mints in flight at once for one per-user profile;
   * a caller beyond that gets 503 with {@code Retry-After} at once.
   */
  public static final int DEFAULT_MAX_CONCURRENT_MINTS = 16;

  /**
   * Default of {@link #allowUnknownFields()} = false: a field of {@code request} that the model does not
   * know is a configuration error (most often a typo).
   */
  public static final boolean DEFAULT_ALLOW_UNKNOWN_FIELDS = false;

  /** Profile names are safe in a URL path segment and in a metrics tag: 1 to 64 of {@code [A-Za-z0-9_.-]}. */
  public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private static final Set<String> KNOWN_FIELDS = Set.of("endpoint", "request", "pool", "perUser",
      "allowUnknownFields", "maxConcurrentMints");

  private final String name;
  private final Endpoint endpoint;
  private final JsonObject requestJson;
  private final SecretRequest<? extends EphemeralSecret> request;
  private final JsonObject poolJson;
  private final boolean perUser;
  private final boolean allowUnknownFields;
  private final int maxConcurrentMints;

  private GatewayProfile(Builder b, SecretRequest<? extends EphemeralSecret> request) {
    this.name = b.name;
    this.endpoint = b.endpoint;
    this.requestJson = b.request.copy();
    this.request = request;
    this.poolJson = b.pool.copy();
    this.perUser = b.perUser;
    this.allowUnknownFields = b.allowUnknownFields;
    this.maxConcurrentMints = b.maxConcurrentMints;
  }

  /**
   * The built-in profile used when no configuration file is given: {@value #DEFAULT_NAME}, a GA client
   * secret for {@code gpt-realtime} ({@link #DEFAULT_REQUEST}), pooled with the pool's default options.
   *
   * @return the default profile
   */
  public static GatewayProfile defaultProfile() {
    return builder(DEFAULT_NAME).build();
  }

  /**
   * Starts a builder whose endpoint, request and pool are those of the default profile.
   *
   * @param name the profile name, matching {@link #NAME_PATTERN}
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Reads a profile from its JSON form (the value of one entry of a configuration file's
   * {@code profiles} object):
   * <pre>{@code
   * { "endpoint": "client_secrets",                      // optional, default client_secrets
   *   "request": { "session": { "type": "realtime", "model": "gpt-realtime" } },   // the mint body
   *   "pool": { ...pool options as JSON... },     // optional
   *   "perUser": false,                                  // optional
   *   "allowUnknownFields": false,                       // optional: pass request fields this library does not know
   *   "maxConcurrentMints": 16 }                         // optional, per-user profiles only
   * }</pre>
   * Unknown fields are errors, so that a misspelt option is not silently ignored; inside {@code request}
   * too, unless {@code allowUnknownFields} is true (for API fields newer than this library).
   *
   * @param name the profile name
   * @param json the profile's JSON
   * @return the profile
   * @throws GatewayConfigException naming the profile and the field (without a file; callers reading a
   *     file re-throw with it)
   */
  public static GatewayProfile fromJson(String name, JsonObject json) {
    Objects.requireNonNull(json, "json");
    for (String key : json.fieldNames()) {
      if (!KNOWN_FIELDS.contains(key)) {
        throw new GatewayConfigException(null, name, key,
            "unknown field (expected endpoint, request, pool, perUser, allowUnknownFields, maxConcurrentMints)");
      }
    }
    Builder b = builder(name);
    Object endpoint = json.getValue("endpoint");
    if (endpoint != null) {
      if (!(endpoint instanceof String)) {
        throw new GatewayConfigException(null, name, "endpoint", "must be a string");
      }
      try {
        b.endpoint(Endpoint.fromCliName((String) endpoint));
      } catch (IllegalArgumentException e) {
        throw new GatewayConfigException(null, name, "endpoint", e.getMessage());
      }
    }
    Object request = json.getValue("request");
    if (request != null) {
      if (!(request instanceof JsonObject)) {
        throw new GatewayConfigException(null, name, "request", "must be a JSON object (the mint request body)");
      }
      b.request((JsonObject) request);
    } else if (endpoint != null && b.endpoint != DEFAULT_ENDPOINT) {
      throw new GatewayConfigException(null, name, "request", "is required when the endpoint is not client_secrets");
    }
    Object pool = json.getValue("pool");
    if (pool != null) {
      if (!(pool instanceof JsonObject)) {
        throw new GatewayConfigException(null, name, "pool", "must be a JSON object of pool options");
      }
      b.pool((JsonObject) pool);
    }
    Object perUser = json.getValue("perUser");
    if (perUser != null) {
      if (!(perUser instanceof Boolean)) {
        throw new GatewayConfigException(null, name, "perUser", "must be true or false");
      }
      b.perUser((Boolean) perUser);
    }
    Object allowUnknown = json.getValue("allowUnknownFields");
    if (allowUnknown != null) {
      if (!(allowUnknown instanceof Boolean)) {
        throw new GatewayConfigException(null, name, "allowUnknownFields", "must be true or false");
      }
      b.allowUnknownFields((Boolean) allowUnknown);
    }
    Object maxConcurrentMints = json.getValue("maxConcurrentMints");
    if (maxConcurrentMints != null) {
      if (!(maxConcurrentMints instanceof Integer) || (Integer) maxConcurrentMints < 1) {
        throw new GatewayConfigException(null, name, "maxConcurrentMints", "must be a whole number, 1 or more");
      }
      b.maxConcurrentMints((Integer) maxConcurrentMints);
    }
    return b.build();
  }

  /**
   * The JSON form read by {@link #fromJson(String, JsonObject)} (without the name, which is the key).
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("endpoint", endpoint.cliName())
        .put("request", requestJson.copy());
    if (!poolJson.isEmpty()) {
      json.put("pool", poolJson.copy());
    }
    json.put("perUser", perUser);
    if (allowUnknownFields) {
      json.put("allowUnknownFields", true);
    }
    if (perUser && maxConcurrentMints != DEFAULT_MAX_CONCURRENT_MINTS) {
      json.put("maxConcurrentMints", maxConcurrentMints);
    }
    return json;
  }

  /**
   * The profile name, as used in {@code /token/{name}}, access logs and metric tags.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The endpoint the profile mints through.
   *
   * @return the endpoint
   */
  public Endpoint endpoint() {
    return endpoint;
  }

  /**
   * The request body every mint of this profile sends, parsed and validated.
   *
   * @return the request template (immutable)
   */
  public SecretRequest<? extends EphemeralSecret> request() {
    return request;
  }

  /**
   * The request body as configured.
   *
   * @return a copy of the JSON
   */
  public JsonObject requestJson() {
    return requestJson.copy();
  }

  /**
   * The options of this profile's pool (the pool's defaults where none were configured).
   *
   * @return new options
   */
  public SecretPoolOptions poolOptions() {
    return new SecretPoolOptions(poolJson);
  }

  /**
   * Whether the profile mints on demand, per caller, with an {@code OpenAI-Safety-Identifier} (no pool).
   *
   * @return true for a per-user profile
   */
  public boolean perUser() {
    return perUser;
  }

  /**
   * For a per-user profile, how many of its mints may be in flight at once; a caller beyond that is
   * answered 503 with {@code Retry-After} at once instead of queueing for a connection.
   *
   * @return the bound, default {@value #DEFAULT_MAX_CONCURRENT_MINTS}
   */
  public int maxConcurrentMints() {
    return maxConcurrentMints;
  }

  /**
   * Whether fields of {@code request} that this library's model does not know are sent on as they are
   * (true) or refused when the profile is built (false, {@link #DEFAULT_ALLOW_UNKNOWN_FIELDS}).
   *
   * @return true when unknown request fields pass through
   */
  public boolean allowUnknownFields() {
    return allowUnknownFields;
  }

  @Override
  public String toString() {
    return "GatewayProfile{name=" + name + ", endpoint=" + endpoint.cliName() + ", perUser=" + perUser + '}';
  }

  @SuppressWarnings("unchecked")
  private static SecretRequest<? extends EphemeralSecret> parseRequest(Endpoint endpoint, String json) {
    switch (endpoint) {
      case CLIENT_SECRETS:
        return ClientSecretRequest.fromJson(json);
      case TRANSLATIONS:
        return TranslationClientSecretRequest.fromJson(json);
      case SESSIONS:
        return RealtimeSessionRequest.fromJson(json);
      case TRANSCRIPTION_SESSIONS:
        return TranscriptionSessionRequest.fromJson(json);
      default:
        throw new IllegalArgumentException("unsupported endpoint " + endpoint);
    }
  }

  /** Builds a {@link GatewayProfile}; {@link #build()} validates. Not thread safe. */
  public static final class Builder {
    private final String name;
    private Endpoint endpoint = DEFAULT_ENDPOINT;
    private JsonObject request = new JsonObject(DEFAULT_REQUEST);
    private JsonObject pool = new JsonObject();
    private boolean perUser = DEFAULT_PER_USER;
    private boolean allowUnknownFields = DEFAULT_ALLOW_UNKNOWN_FIELDS;
    private int maxConcurrentMints = DEFAULT_MAX_CONCURRENT_MINTS;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the endpoint. Set the {@linkplain #request(JsonObject) request} too unless it is
     * {@code client_secrets}: the default request is a GA body.
     *
     * @param endpoint the endpoint
     * @return this builder
     */
    public Builder endpoint(Endpoint endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * Sets the request body every mint sends (copied).
     *
     * @param request the body, as the endpoint's API reference describes it
     * @return this builder
     */
    public Builder request(JsonObject request) {
      this.request = Objects.requireNonNull(request, "request").copy();
      return this;
    }

    /**
     * Sets the pool options as JSON, in the form {@link SecretPoolOptions#SecretPoolOptions(JsonObject)}
     * reads (copied).
     *
     * @param pool the options
     * @return this builder
     */
    public Builder pool(JsonObject pool) {
      this.pool = Objects.requireNonNull(pool, "pool").copy();
      return this;
    }

    /**
     * Sets the pool options (their JSON form is kept).
     *
     * @param pool the options
     * @return this builder
     */
    public Builder pool(SecretPoolOptions pool) {
      return pool(Objects.requireNonNull(pool, "pool").toJson());
    }

    /**
     * Marks the profile per-user: no pool, one mint per call with an {@code OpenAI-Safety-Identifier}.
     *
     * @param perUser true for per-user
     * @return this builder
     */
    public Builder perUser(boolean perUser) {
      this.perUser = perUser;
      return this;
    }

    /**
     * Lets {@code request} carry fields this library's model does not know (API fields newer than the
     * library); they are sent on unchanged. Off by default, so that a misspelt field is an error
     * ({@code request.session.instrutions: unknown field (did you mean 'instructions'?)}) instead of a
     * setting the API ignores or refuses at the first mint.
     *
     * @param allowUnknownFields true to pass unknown request fields through
     * @return this builder
     */
    public Builder allowUnknownFields(boolean allowUnknownFields) {
      this.allowUnknownFields = allowUnknownFields;
      return this;
    }

    /**
     * Sets how many mints of a per-user profile may be in flight at once (JSON {@code maxConcurrentMints}).
     *
     * @param maxConcurrentMints 1 or more; default {@value GatewayProfile#DEFAULT_MAX_CONCURRENT_MINTS}
     * @return this builder
     */
    public Builder maxConcurrentMints(int maxConcurrentMints) {
      if (maxConcurrentMints < 1) {
        throw new GatewayConfigException(null, name, "maxConcurrentMints", "must be 1 or more");
      }
      this.maxConcurrentMints = maxConcurrentMints;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the profile
     * @throws GatewayConfigException naming the profile and the offending field
     */
    public GatewayProfile build() {
      if (name == null || !NAME_PATTERN.matcher(name).matches()) {
        throw new GatewayConfigException(null, name, null,
            "invalid profile name: use 1 to 64 letters, digits, '_', '.' or '-'");
      }
      SecretRequest<? extends EphemeralSecret> parsed;
      try {
        parsed = parseRequest(endpoint, request.encode());
        if (!allowUnknownFields) {
          SecretRequests.requireKnownFields(parsed);
        }
        parsed.validate();
      } catch (RequestValidationException e) {
        throw new GatewayConfigException(null, name, "request." + e.field(), e.rule());
      } catch (RuntimeException e) {
        throw new GatewayConfigException(null, name, "request",
            "is not a valid " + endpoint.cliName() + " request: " + e.getMessage());
      }
      if (perUser && !pool.isEmpty()) {
        throw new GatewayConfigException(null, name, "pool",
            "a per-user profile mints on demand and has no pool: remove it or set perUser to false");
      }
      try {
        new SecretPoolOptions(pool);
      } catch (IllegalArgumentException e) {
        throw new GatewayConfigException(null, name, "pool", e.getMessage());
      }
      return new GatewayProfile(this, parsed);
    }
  }
}
