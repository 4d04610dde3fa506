package io.realtimesecrets.model;

/** STUB (to be replaced by the model work): request body for {@link Endpoint#SESSIONS}. */
public final class RealtimeSessionRequest implements SecretRequest<RealtimeSession> {
  private final String json;
  private RealtimeSessionRequest(String json) { this.json = json; }
  public static RealtimeSessionRequest fromJson(String json) { return new RealtimeSessionRequest(json); }
  @Override public Endpoint endpoint() { return Endpoint.SESSIONS; }
  @Override public Class<RealtimeSession> responseType() { return RealtimeSession.class; }
  @Override public void validate() { }
  @Override public String toJson() { return json; }
}
