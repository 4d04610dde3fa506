package io.realtimesecrets.model;

/** STUB (to be replaced by the model work): request body for {@link Endpoint#TRANSCRIPTION_SESSIONS}. */
public final class TranscriptionSessionRequest implements SecretRequest<TranscriptionSession> {
  private final String json;
  private TranscriptionSessionRequest(String json) { this.json = json; }
  public static TranscriptionSessionRequest fromJson(String json) { return new TranscriptionSessionRequest(json); }
  @Override public Endpoint endpoint() { return Endpoint.TRANSCRIPTION_SESSIONS; }
  @Override public Class<TranscriptionSession> responseType() { return TranscriptionSession.class; }
  @Override public void validate() { }
  @Override public String toJson() { return json; }
}
