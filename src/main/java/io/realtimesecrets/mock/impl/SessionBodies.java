package io.realtimesecrets.mock.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimesecrets.model.Endpoint;
import java.util.List;
import java.util.Map;

/**
 * Builds the 200 body of each endpoint: the requested session merged over the defaults the API fills in
 * (values from the spec's own examples and documented defaults), plus the secret.
 */
final class SessionBodies {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Default model of GA realtime sessions when the request names none. */
  static final String GA_MODEL = "gpt-realtime";
  /** Default model of beta realtime sessions when the request names none. */
  static final String BETA_MODEL = "gpt-4o-realtime-preview";

  private SessionBodies() {
  }

  /**
   * The full response body.
   *
   * @param request the parsed, validated request body (an object)
   * @param expiresAt the secret's expiry, Unix seconds
   */
  static ObjectNode build(Endpoint endpoint, JsonNode request, String secret, long expiresAt, String sessionId) {
    switch (endpoint) {
      case CLIENT_SECRETS: {
        JsonNode session = request.get("session");
        boolean transcription = session != null && "transcription".equals(session.path("type").asText());
        ObjectNode effective = transcription
            ? merge(gaTranscription(sessionId, session), session)
            : merge(gaRealtime(sessionId, session), session);
        echoAudioAsTheSpecShapesIt(effective, session);
        return gaEnvelope(secret, expiresAt, effective);
      }
      case TRANSLATIONS: {
        JsonNode session = request.get("session");
        ObjectNode effective = merge(translation(sessionId, expiresAt), session);
        // id, type and expiry are the server's, whatever the request said
        effective.put("id", sessionId).put("type", "translation").put("expires_at", expiresAt);
        return gaEnvelope(secret, expiresAt, effective);
      }
      case SESSIONS: {
        ObjectNode body = merge(betaRealtime(sessionId, request), request);
        return withClientSecret(body, secret, expiresAt);
      }
      case TRANSCRIPTION_SESSIONS: {
        ObjectNode body = merge(betaTranscription(sessionId), request);
        return withClientSecret(body, secret, expiresAt);
      }
      default:
        throw new IllegalStateException(endpoint.name());
    }
  }

  private static ObjectNode gaEnvelope(String secret, long expiresAt, ObjectNode session) {
    ObjectNode root = F.objectNode();
    root.put("value", secret);
    root.put("expires_at", expiresAt);
    root.set("session", session);
    return root;
  }

  private static ObjectNode withClientSecret(ObjectNode body, String secret, long expiresAt) {
    ObjectNode cs = F.objectNode();
    cs.put("value", secret);
    cs.put("expires_at", expiresAt);
    body.set("client_secret", cs);
    return body;
  }

  private static ObjectNode gaRealtime(String id, JsonNode requested) {
    ObjectNode s = F.objectNode();
    s.put("type", "realtime");
    s.put("object", "realtime.session");
    s.put("id", id);
    s.put("model", GA_MODEL);
    s.set("output_modalities", F.arrayNode().add("audio"));
    s.set("tools", F.arrayNode());
    s.put("tool_choice", "auto");
    s.put("max_output_tokens", "inf");
    s.putNull("tracing");
    s.put("truncation", "auto");
    s.putNull("prompt");
    s.put("expires_at", 0);
    ObjectNode input = F.objectNode();
    input.set("format", pcm());
    input.putNull("transcription");
    input.putNull("noise_reduction");
    input.set("turn_detection", turnDetection(RequestBodyRules.at(requested, "audio", "input", "turn_detection"),
        true));
    ObjectNode output = F.objectNode();
    output.set("format", pcm());
    output.put("voice", "alloy");
    output.put("speed", 1.0);
    ObjectNode audio = F.objectNode();
    audio.set("input", input);
    audio.set("output", output);
    s.set("audio", audio);
    s.putNull("include");
    return s;
  }

  private static ObjectNode gaTranscription(String id, JsonNode requested) {
    ObjectNode s = F.objectNode();
    s.put("type", "transcription");
    s.put("object", "realtime.transcription_session");
    s.put("id", id);
    s.put("expires_at", 0);
    s.putNull("include");
    ObjectNode input = F.objectNode();
    input.set("format", pcm());
    input.putNull("transcription");
    input.putNull("noise_reduction");
    JsonNode td = RequestBodyRules.at(requested, "audio", "input", "turn_detection");
    input.set("turn_detection", turnDetection(td, false));
    ObjectNode audio = F.objectNode();
    audio.set("input", input);
    s.set("audio", audio);
    return s;
  }

  private static ObjectNode translation(String id, long expiresAt) {
    ObjectNode s = F.objectNode();
    s.put("id", id);
    s.put("type", "translation");
    s.put("expires_at", expiresAt);
    ObjectNode input = F.objectNode();
    input.putNull("transcription");
    input.putNull("noise_reduction");
    ObjectNode audio = F.objectNode();
    audio.set("input", input);
    audio.set("output", F.objectNode());
    s.set("audio", audio);
    return s;
  }

  private static ObjectNode betaRealtime(String id, JsonNode requested) {
    ObjectNode s = F.objectNode();
    s.put("id", id);
    s.put("object", "realtime.session");
    s.put("model", BETA_MODEL);
    s.set("modalities", F.arrayNode().add("audio").add("text"));
    s.put("voice", "alloy");
    s.put("input_audio_format", "pcm16");
    s.put("output_audio_format", "pcm16");
    s.putNull("input_audio_transcription");
    s.set("turn_detection", turnDetection(requested.get("turn_detection"), true));
    s.set("tools", F.arrayNode());
    s.put("tool_choice", "auto");
    s.put("temperature", 0.8);
    s.put("max_response_output_tokens", "inf");
    s.put("speed", 1.0);
    s.putNull("tracing");
    return s;
  }

  private static ObjectNode betaTranscription(String id) {
    ObjectNode s = F.objectNode();
    s.put("id", id);
    s.put("object", "realtime.transcription_session");
    s.set("modalities", F.arrayNode().add("audio").add("text"));
    s.set("turn_detection", serverVad(false));
    s.put("input_audio_format", "pcm16");
    ObjectNode transcription = F.objectNode();
    transcription.put("model", "gpt-4o-transcribe");
    transcription.putNull("language");
    transcription.put("prompt", "");
    s.set("input_audio_transcription", transcription);
    s.putNull("input_audio_noise_reduction");
    s.putNull("include");
    return s;
  }

  /** Defaults for the kind of turn detection the request asked for; an explicit null stays null. */
  private static JsonNode turnDetection(JsonNode requested, boolean full) {
    if (requested != null && requested.isNull()) {
      return F.nullNode();
    }
    if (requested != null && "semantic_vad".equals(requested.path("type").asText())) {
      ObjectNode td = F.objectNode();
      td.put("type", "semantic_vad");
      td.put("eagerness", "auto");
      td.put("create_response", true);
      td.put("interrupt_response", true);
      return td;
    }
    return serverVad(full);
  }

  private static ObjectNode serverVad(boolean full) {
    ObjectNode td = F.objectNode();
    td.put("type", "server_vad");
    td.put("threshold", 0.5);
    td.put("prefix_padding_ms", 300);
    td.put("silence_duration_ms", 200);
    if (full) {
      td.putNull("idle_timeout_ms");
      td.put("create_response", true);
      td.put("interrupt_response", true);
    }
    return td;
  }

  private static ObjectNode pcm() {
    ObjectNode f = F.objectNode();
    f.put("type", "audio/pcm");
    f.put("rate", 24000);
    return f;
  }

  /**
   * Fixes the two audio values a deep merge gets wrong. A G.711 format ({@code audio/pcmu},
   * {@code audio/pcma}) has no {@code rate}, so the requested format replaces the 24 kHz PCM default
   * instead of merging into it. A custom voice {@code {"id": "voice_..."}} is echoed as its id: the
   * response's {@code voice} is a string ({@code VoiceIdsShared}) in the spec.
   */
  private static void echoAudioAsTheSpecShapesIt(ObjectNode effective, JsonNode requested) {
    for (String direction : List.of("input", "output")) {
      JsonNode format = RequestBodyRules.at(requested, "audio", direction, "format");
      JsonNode echoed = RequestBodyRules.at(effective, "audio", direction);
      if (format != null && format.isObject() && echoed instanceof ObjectNode
          && !"audio/pcm".equals(format.path("type").asText("audio/pcm"))) {
        ((ObjectNode) echoed).set("format", format.deepCopy());
      }
    }
    JsonNode voice = RequestBodyRules.at(requested, "audio", "output", "voice");
    JsonNode output = RequestBodyRules.at(effective, "audio", "output");
    if (voice != null && voice.isObject() && voice.path("id").isTextual() && output instanceof ObjectNode) {
      ((ObjectNode) output).put("voice", voice.get("id").asText());
    }
  }

  /** Deep merge: objects merge key by key, anything else in {@code over} replaces the default. */
  static ObjectNode merge(ObjectNode defaults, JsonNode over) {
    if (over == null || !over.isObject()) {
      return defaults;
    }
    for (Map.Entry<String, JsonNode> e : over.properties()) {
      JsonNode existing = defaults.get(e.getKey());
      if (existing != null && existing.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) existing, e.getValue());
      } else {
        defaults.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return defaults;
  }
}
