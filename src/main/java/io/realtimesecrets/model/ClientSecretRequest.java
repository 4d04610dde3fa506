package io.realtimesecrets.model;

/** STUB (to be replaced by the model work): request body for {@link Endpoint#CLIENT_SECRETS}. */
public final class ClientSecretRequest implements SecretRequest<ClientSecret> {
  private final String json;
  private ClientSecretRequest(String json) { this.json = json; }
  public static ClientSecretRequest fromJson(String json) { return new ClientSecretRequest(json); }
  @Override public Endpoint endpoint() { return Endpoint.CLIENT_SECRETS; }
  @Override public Class<ClientSecret> responseType() { return ClientSecret.class; }
  @Override public void validate() { }
  @Override public String toJson() { return json; }
}
