package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.realtimesecrets.model.impl.Checks;

/**
 * When a GA client secret expires ({@code expires_after}): {@code seconds} (10 to 7200, default 600)
 * counted from {@code anchor} (only {@code created_at}). This is the secret's life, not the session's: a
 * session started with the secret may outlive it.
 */
@JsonDeserialize(using = JsonDeserializer.None.class, builder = ExpiresAfter.Builder.class)
public final class ExpiresAfter extends ExtensibleObject {

  private final ExpiryAnchor anchor;
  private final Long seconds;

  private ExpiresAfter(Builder b) {
    super(b);
    this.anchor = b.anchor;
    this.seconds = b.seconds;
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
   * What the lifetime counts from; only {@code created_at} (the default).
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("anchor")
  public ExpiryAnchor anchor() {
    return anchor;
  }

  /**
   * Lifetime in seconds, 10 to 7200; the API defaults to 600.
   *
   * @return the value, or {@code null} when absent or explicitly {@code null}
   */
  @JsonProperty("seconds")
  public Long seconds() {
    return seconds;
  }

  /** Shortest lifetime the API accepts, in seconds: {@value}. */
  public static final long MIN_SECONDS = 10;
  /** Longest lifetime the API accepts, in seconds: {@value}. */
  public static final long MAX_SECONDS = 7200;
  /** The API's default lifetime, in seconds: {@value}. */
  public static final long DEFAULT_SECONDS = 600;

  /**
   * {@code {"anchor": "created_at", "seconds": seconds}}.
   *
   * @param seconds lifetime in seconds (10 to 7200)
   * @return the value
   */
  public static ExpiresAfter ofSeconds(long seconds) {
    return builder().anchor(ExpiryAnchor.CREATED_AT).seconds(seconds).build();
  }

  void validate(String path) {
    if (anchor != null) {
      Checks.oneOf(Checks.path(path, "anchor"), anchor.value(), ExpiryAnchor.knownWireValues());
    }
    Checks.between(Checks.path(path, "seconds"), seconds, MIN_SECONDS, MAX_SECONDS);
  }

  /**
   * Builds {@link ExpiresAfter} values. Not thread safe. Unset fields are omitted from the JSON.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder extends ExtensibleObject.Builder<Builder> {
    private ExpiryAnchor anchor;
    private Long seconds;

    private Builder() {
    }

    /**
     * Sets {@code anchor}: what the lifetime counts from; only {@code created_at} (the default).
     *
     * @param anchor the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("anchor")
    public Builder anchor(ExpiryAnchor anchor) {
      this.anchor = anchor;
      track("anchor", anchor);
      return this;
    }

    /**
     * Sets {@code seconds}: lifetime in seconds, 10 to 7200; the API defaults to 600.
     *
     * @param seconds the value; {@code null} sends an explicit JSON {@code null}
     * @return this builder
     */
    @JsonProperty("seconds")
    public Builder seconds(Long seconds) {
      this.seconds = seconds;
      track("seconds", seconds);
      return this;
    }

    /**
     * Builds the immutable value. Call {@code validate()} on the request to check API rules.
     *
     * @return the value
     */
    public ExpiresAfter build() {
      return new ExpiresAfter(this);
    }
  }
}
