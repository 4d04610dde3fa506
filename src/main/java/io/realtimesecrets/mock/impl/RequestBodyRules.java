package io.realtimesecrets.mock.impl;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimesecrets.model.Endpoint;
import java.util.List;

/**
 * The schema rules the mock enforces itself on a parsed body, phrased as the API phrases them. The model's
 * own {@code validate()} runs after these (see {@link MockUpstreamImpl}); these cover the rules a client
 * most often gets wrong, so the mock answers like the API even while the model's rules are incomplete.
 */
final class RequestBodyRules {

  private static final List<String> BETA_FORMATS = List.of("pcm16", "g711_ulaw", "g711_alaw");
  private static final List<String> MODALITIES = List.of("text", "audio");
  private static final List<String> INCLUDE = List.of("item.input_audio_transcription.logprobs");

  private RequestBodyRules() {
  }

  /**
   * Checks the body of a request to {@code endpoint}.
   *
   * @return the first violation, or null
   */
  static ApiError check(Endpoint endpoint, JsonNode body) {
    if (!body.isObject()) {
      return typeError("", "an object", body);
    }
    switch (endpoint) {
      case CLIENT_SECRETS:
        return firstOf(expiresAfter(body), gaSession(body.get("session")));
      case TRANSLATIONS:
        return firstOf(expiresAfter(body), translationSession(body.get("session")));
      case SESSIONS:
        return betaRealtime(body);
      case TRANSCRIPTION_SESSIONS:
        return betaTranscription(body);
      default:
        throw new IllegalStateException(endpoint.name());
    }
  }

  private static ApiError expiresAfter(JsonNode body) {
    JsonNode ea = body.get("expires_after");
    if (ea == null) {
      return null;
    }
    if (!ea.isObject()) {
      return typeError("expires_after", "an object", ea);
    }
    ApiError e = oneOf(ea.get("anchor"), "expires_after.anchor", List.of("created_at"));
    return e != null ? e : integerRange(ea.get("seconds"), "expires_after.seconds", 10, 7200);
  }

  private static ApiError gaSession(JsonNode session) {
    if (session == null) {
      return null;
    }
    if (!session.isObject()) {
      return typeError("session", "an object", session);
    }
    JsonNode type = session.get("type");
    if (type == null) {
      return missing("session.type");
    }
    ApiError e = oneOf(type, "session.type", List.of("realtime", "transcription"));
    if (e != null) {
      return e;
    }
    return firstOf(
        arrayOf(session.get("output_modalities"), "session.output_modalities", MODALITIES),
        arrayOf(session.get("include"), "session.include", INCLUDE),
        decimalRange(at(session, "audio", "output", "speed"), "session.audio.output.speed", 0.25, 1.5),
        gaTurnDetection(at(session, "audio", "input", "turn_detection")));
  }

  private static ApiError gaTurnDetection(JsonNode td) {
    if (td == null || td.isNull()) {
      return null;
    }
    String path = "session.audio.input.turn_detection";
    if (!td.isObject()) {
      return typeError(path, "an object", td);
    }
    ApiError e = oneOf(td.get("type"), path + ".type", List.of("server_vad", "semantic_vad"));
    if (e != null) {
      return e;
    }
    JsonNode idle = td.get("idle_timeout_ms");
    return idle == null || idle.isNull() ? null : integerRange(idle, path + ".idle_timeout_ms", 5000, 30000);
  }

  private static ApiError translationSession(JsonNode session) {
    if (session == null) {
      return missing("session");
    }
    if (!session.isObject()) {
      return typeError("session", "an object", session);
    }
    JsonNode model = session.get("model");
    if (model == null) {
      return missing("session.model");
    }
    return model.isTextual() ? null : typeError("session.model", "a string", model);
  }

  private static ApiError betaRealtime(JsonNode body) {
    return firstOf(
        arrayOf(body.get("modalities"), "modalities", MODALITIES),
        oneOf(body.get("input_audio_format"), "input_audio_format", BETA_FORMATS),
        oneOf(body.get("output_audio_format"), "output_audio_format", BETA_FORMATS),
        decimalRange(body.get("speed"), "speed", 0.25, 1.5),
        decimalRange(body.get("temperature"), "temperature", 0.6, 1.2),
        betaTurnDetection(body.get("turn_detection"), List.of("server_vad", "semantic_vad")),
        betaClientSecret(body.get("client_secret")));
  }

  /** {@code client_secret.expires_after} ({@code expires_at} in the SDKs' transcription request). */
  private static ApiError betaClientSecret(JsonNode clientSecret) {
    if (clientSecret == null) {
      return null;
    }
    if (!clientSecret.isObject()) {
      return typeError("client_secret", "an object", clientSecret);
    }
    for (String name : List.of("expires_after", "expires_at")) {
      JsonNode expiry = clientSecret.get(name);
      if (expiry == null) {
        continue;
      }
      String path = "client_secret." + name;
      if (!expiry.isObject()) {
        return typeError(path, "an object", expiry);
      }
      ApiError e = firstOf(oneOf(expiry.get("anchor"), path + ".anchor", List.of("created_at")),
          integerRange(expiry.get("seconds"), path + ".seconds", 10, 7200));
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private static ApiError betaTranscription(JsonNode body) {
    return firstOf(
        oneOf(body.get("input_audio_format"), "input_audio_format", BETA_FORMATS),
        arrayOf(body.get("include"), "include", INCLUDE),
        betaTurnDetection(body.get("turn_detection"), List.of("server_vad")),
        betaClientSecret(body.get("client_secret")));
  }

  private static ApiError betaTurnDetection(JsonNode td, List<String> types) {
    if (td == null || td.isNull()) {
      return null;
    }
    if (!td.isObject()) {
      return typeError("turn_detection", "an object", td);
    }
    return firstOf(oneOf(td.get("type"), "turn_detection.type", types),
        decimalRange(td.get("threshold"), "turn_detection.threshold", 0.0, 1.0));
  }

  /**
   * A rule the model's {@code validate()} (or its parser) reported, reworded as the API words the same
   * kind of error, with the API's {@code code}: a missing field, a value outside its range, a value not in
   * its list, an empty array, a wrong JSON type. Anything else keeps the model's wording under
   * {@code invalid_value}.
   *
   * @param param the JSON path the model named, or null for the body
   * @param rule the model's rule, e.g. {@code must be between 0 and 1}
   * @param body the request body, to quote the offending value as the API does
   */
  static ApiError fromModelRule(String param, String rule, JsonNode body) {
    JsonNode value = param == null ? body : atPath(body, param);
    if (param != null && rule.startsWith("is required")) {
      return missing(param);
    }
    if (param != null && value != null && rule.startsWith("must be between ") && value.isNumber()) {
      String[] bounds = rule.substring("must be between ".length()).split(" and ");
      if (bounds.length == 2) {
        return outOfRange(param, value, bounds[0], bounds[1]);
      }
    }
    if (param != null && value != null && rule.startsWith("must be at least ") && value.isNumber()) {
      ApiError below = outOfRange(param, value, rule.substring("must be at least ".length()), null);
      if (below != null) {
        return below;
      }
    }
    if (param != null && value != null && value.isTextual() && rule.startsWith("must be one of ")) {
      return oneOf(value, param, List.of(rule.substring("must be one of ".length()).split(", ")));
    }
    if (param != null && value != null && value.isArray() && value.isEmpty()
        && rule.equals("must have at least one item")) {
      return ApiError.invalidRequest(param, "empty_array", "Invalid '" + param + "': empty array. Expected an"
          + " array with minimum length 1, but got an empty array instead.");
    }
    if (value != null && rule.startsWith("has the wrong JSON type, expected ")) {
      String expected = rule.substring("has the wrong JSON type, expected ".length())
          .replace("a number", "a decimal");
      return typeError(param == null ? "" : param, expected, value);
    }
    if (param != null && value != null && value.isNull() && rule.endsWith("not null")) {
      return typeError(param, "an object", value);
    }
    return ApiError.invalidRequest(param, "invalid_value",
        "Invalid '" + (param == null ? "body" : param) + "': " + rule + ".");
  }

  /**
   * Below {@code min} or above {@code max} (null for no maximum), worded for integers or decimals; null when
   * the value is neither.
   */
  private static ApiError outOfRange(String param, JsonNode value, String min, String max) {
    String kind = value.isIntegralNumber() ? "integer" : "decimal";
    boolean below = value.decimalValue().compareTo(new java.math.BigDecimal(min)) < 0;
    if (!below && max == null) {
      return null;
    }
    return below
        ? ApiError.invalidRequest(param, kind + "_below_min_value", "Invalid '" + param + "': " + kind
            + " below minimum value. Expected a value >= " + min + ", but got " + value + " instead.")
        : ApiError.invalidRequest(param, kind + "_above_max_value", "Invalid '" + param + "': " + kind
            + " above maximum value. Expected a value <= " + max + ", but got " + value + " instead.");
  }

  /** The node at a JSON path such as {@code session.tools[0].name}, or null. */
  static JsonNode atPath(JsonNode root, String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      n = n == null ? null : n.get(bracket < 0 ? part : part.substring(0, bracket));
      while (n != null && bracket >= 0) {
        int close = part.indexOf(']', bracket);
        if (close < 0) {
          return null;
        }
        try {
          n = n.get(Integer.parseInt(part.substring(bracket + 1, close)));
        } catch (NumberFormatException e) {
          return null;
        }
        bracket = part.indexOf('[', close);
      }
    }
    return n;
  }

  // --- rule primitives -------------------------------------------------------------------------------

  private static ApiError firstOf(ApiError... errors) {
    for (ApiError e : errors) {
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  static JsonNode at(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      if (n == null || !n.isObject()) {
        return null;
      }
      n = n.get(p);
    }
    return n;
  }

  private static ApiError missing(String param) {
    return ApiError.invalidRequest(param, "missing_required_parameter",
        "Missing required parameter: '" + param + "'.");
  }

  private static ApiError oneOf(JsonNode value, String param, List<String> allowed) {
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      return typeError(param, "a string", value);
    }
    if (allowed.contains(value.asText())) {
      return null;
    }
    return ApiError.invalidRequest(param, "invalid_value", "Invalid value: '" + value.asText()
        + "'. Supported values are: " + quotedList(allowed) + ".");
  }

  private static ApiError arrayOf(JsonNode value, String param, List<String> allowed) {
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      return typeError(param, "an array", value);
    }
    for (int i = 0; i < value.size(); i++) {
      ApiError e = oneOf(value.get(i), param + "[" + i + "]", allowed);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private static ApiError integerRange(JsonNode value, String param, long min, long max) {
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      return typeError(param, "an integer", value);
    }
    long v = value.asLong();
    if (v < min) {
      return ApiError.invalidRequest(param, "integer_below_min_value", "Invalid '" + param
          + "': integer below minimum value. Expected a value >= " + min + ", but got " + v + " instead.");
    }
    if (v > max) {
      return ApiError.invalidRequest(param, "integer_above_max_value", "Invalid '" + param
          + "': integer above maximum value. Expected a value <= " + max + ", but got " + v + " instead.");
    }
    return null;
  }

  private static ApiError decimalRange(JsonNode value, String param, double min, double max) {
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      return typeError(param, "a decimal", value);
    }
    double v = value.asDouble();
    if (v < min) {
      return ApiError.invalidRequest(param, "decimal_below_min_value", "Invalid '" + param
          + "': decimal below minimum value. Expected a value >= " + min + ", but got " + v + " instead.");
    }
    if (v > max) {
      return ApiError.invalidRequest(param, "decimal_above_max_value", "Invalid '" + param
          + "': decimal above maximum value. Expected a value <= " + max + ", but got " + v + " instead.");
    }
    return null;
  }

  private static ApiError typeError(String param, String expected, JsonNode got) {
    String name = param.isEmpty() ? "body" : param;
    return ApiError.invalidRequest(param.isEmpty() ? null : param, "invalid_type", "Invalid type for '" + name
        + "': expected " + expected + ", but got " + kind(got) + " instead.");
  }

  private static String kind(JsonNode n) {
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isIntegralNumber()) {
      return "an integer";
    }
    if (n.isNumber()) {
      return "a decimal";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isNull()) {
      return "null";
    }
    return "an object";
  }

  private static String quotedList(List<String> values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(i == values.size() - 1 ? (values.size() > 2 ? ", and " : " and ") : ", ");
      }
      b.append('\'').append(values.get(i)).append('\'');
    }
    return b.toString();
  }
}
