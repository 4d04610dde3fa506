package io.realtimesecrets.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The builder the three "unknown {@code type}" values share ({@link UnrecognizedSessionConfig},
 * {@link UnrecognizedTool}, {@link UnrecognizedTurnDetection}): it keeps the unknown {@code type}
 * discriminator; every other field lands in the additional properties. Not thread safe. Unset fields are
 * omitted from the JSON.
 *
 * @param <B> the concrete builder type
 */
public abstract class UnrecognizedTypeBuilder<B extends UnrecognizedTypeBuilder<B>>
    extends ExtensibleObject.Builder<B> {

  private String type;

  /** Creates an empty builder. */
  protected UnrecognizedTypeBuilder() {
  }

  /**
   * Sets {@code type}: the unknown discriminator.
   *
   * @param type the value; {@code null} sends an explicit JSON {@code null}
   * @return this builder
   */
  @JsonProperty("type")
  public B type(String type) {
    this.type = type;
    track("type", type);
    return self();
  }

  /** The {@code type} set so far, for the built value's constructor. */
  final String typeValue() {
    return type;
  }
}
