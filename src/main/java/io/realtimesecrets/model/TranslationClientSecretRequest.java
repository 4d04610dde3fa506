package io.realtimesecrets.model;

/** STUB (to be replaced by the model work): request body for {@link Endpoint#TRANSLATIONS}. */
public final class TranslationClientSecretRequest implements SecretRequest<TranslationClientSecret> {
  private final String json;
  private TranslationClientSecretRequest(String json) { this.json = json; }
  public static TranslationClientSecretRequest fromJson(String json) { return new TranslationClientSecretRequest(json); }
  @Override public Endpoint endpoint() { return Endpoint.TRANSLATIONS; }
  @Override public Class<TranslationClientSecret> responseType() { return TranslationClientSecret.class; }
  @Override public void validate() { }
  @Override public String toJson() { return json; }
}
