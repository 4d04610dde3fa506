package io.realtimesecrets.mock.impl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One error answer in the API's shape: {@code {"error":{"message","type","param","code"}}}, all four keys
 * always present ({@code param} and {@code code} may be null), as the spec's {@code Error} schema requires.
 */
record ApiError(int status, String message, String type, String param, String code) {

  static ApiError invalidRequest(String param, String code, String message) {
    return new ApiError(400, message, "invalid_request_error", param, code);
  }

  /** The API's answer to a field it does not know, e.g. {@code Unknown parameter: 'session.foo'.} */
  static ApiError unknownParameter(String param) {
    return invalidRequest(param, "unknown_parameter", "Unknown parameter: '" + param + "'.");
  }

  static ApiError unparseableJson() {
    return new ApiError(400, "We could not parse the JSON body of your request. (HINT: This likely means you"
        + " aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent"
        + " was not valid JSON.)", "invalid_request_error", null, null);
  }

  static ApiError missingKey() {
    return new ApiError(401, "You didn't provide an API key. You need to provide your API key in an"
        + " Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        "invalid_request_error", null, "invalid_api_key");
  }

  static ApiError wrongKey() {
    // The real message echoes a masked key; the mock names none, so no key can leak into a test log.
    return new ApiError(401, "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");
  }

  static ApiError notFound(String method, String path) {
    return new ApiError(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, null);
  }

  static ApiError wrongMethod(String method, String path) {
    return new ApiError(405, "Invalid method for URL (" + method + " " + path + ")", "invalid_request_error",
        null, null);
  }

  static ApiError rateLimited(int limit) {
    return new ApiError(429, "Rate limit reached for requests on the mock: limit " + limit
        + " requests per minute. Please try again later.", "requests", null, "rate_limit_exceeded");
  }

  static ApiError insufficientQuota() {
    return new ApiError(429, "You exceeded your current quota, please check your plan and billing details.",
        "insufficient_quota", null, "insufficient_quota");
  }

  /** The body a fault with this status sends, worded like the API's own errors. */
  static ApiError forStatus(int status) {
    switch (status) {
      case 400:
        return invalidRequest(null, null, "Bad request (injected by the mock).");
      case 401:
        return wrongKey();
      case 403:
        return new ApiError(403, "You are not allowed to generate ephemeral keys for this project.",
            "permission_error", null, "permission_denied");
      case 404:
        return new ApiError(404, "Not found (injected by the mock).", "invalid_request_error", null, null);
      case 408:
        return new ApiError(408, "Request timed out.", "timeout_error", null, null);
      case 409:
        return new ApiError(409, "Conflict, please retry.", "conflict_error", null, null);
      case 429:
        return rateLimited(0);
      case 500:
        return new ApiError(500, "The server had an error while processing your request. Sorry about that!",
            "server_error", null, null);
      case 502:
        return new ApiError(502, "Bad gateway.", "server_error", null, null);
      case 503:
        return new ApiError(503, "The server is overloaded or not ready yet.", "server_error", null, null);
      case 504:
        return new ApiError(504, "Gateway timeout.", "server_error", null, null);
      default:
        return new ApiError(status, "Error " + status + " (injected by the mock).",
            status >= 500 ? "server_error" : "invalid_request_error", null, null);
    }
  }

  ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode error = f.objectNode();
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    ObjectNode root = f.objectNode();
    root.set("error", error);
    return root;
  }
}
