package io.realtimesecrets.client.impl;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimesecrets.client.ApiException;
import io.realtimesecrets.client.RateLimitInfo;
import io.realtimesecrets.client.RealtimeSecretsException;
import io.realtimesecrets.client.UpstreamException;
import io.realtimesecrets.client.UpstreamTimeoutException;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.ExpiresAfter;
import io.realtimesecrets.model.ModelJson;
import io.realtimesecrets.model.Redaction;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The one place where HTTP answers and transport failures become the client's typed exceptions, and where
 * secrets are scrubbed from anything the upstream sent back.
 */
final class ErrorTranslator {

  /** API keys ({@code sk-...}) and ephemeral secrets ({@code ek_...}) as they may appear in echoed text. */
  private static final Pattern SECRET_LIKE = Pattern.compile("(?:sk-|ek_)[A-Za-z0-9_\\-*.]{6,}");

  /**
   * The longest life a secret can have: {@code expires_after} allows 2 h ({@link ExpiresAfter#MAX_SECONDS}),
   * the beta endpoints give one minute.
   */
  static final Duration MAX_SECRET_LIFETIME = Duration.ofSeconds(ExpiresAfter.MAX_SECONDS);
  /**
   * Allowance on top of {@link #MAX_SECRET_LIFETIME} before an {@code expires_at} counts as absurd: covers a
   * local clock that runs behind when the answer has no {@code Date} to measure from.
   */
  static final Duration EXPIRY_SLACK = Duration.ofMinutes(15);

  private final String apiKey;
  private final Clock clock;

  ErrorTranslator(String apiKey) {
    this(apiKey, Clock.systemUTC());
  }

  ErrorTranslator(String apiKey, Clock clock) {
    this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
    this.clock = clock;
  }

  /** Removes the API key and anything that looks like a key or secret from text the upstream sent. */
  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String s = text;
    if (apiKey != null && s.contains(apiKey)) {
      s = s.replace(apiKey, Redaction.redact(apiKey));
    }
    Matcher m = SECRET_LIKE.matcher(s);
    if (!m.find()) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    m.reset();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(Redaction.redact(m.group())));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  <R extends EphemeralSecret> R decodeSecret(RealtimeSecretsClientImpl.Answer a, Class<R> type, String host,
      Instant serverDate, int attempts) {
    String contentType = a.headers.get("content-type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      throw new UpstreamException(UpstreamException.Kind.INVALID_RESPONSE,
          "HTTP " + a.status + " from " + host + " with content type " + (contentType == null ? "(none)" : contentType)
              + ", expected application/json", null, attempts);
    }
    R secret;
    try {
      secret = ModelJson.decode(a.body.getBytes(), type);
    } catch (RuntimeException e) {
      // the parser's message is left out on purpose: it can quote the body, and the body holds the secret
      throw new UpstreamException(UpstreamException.Kind.INVALID_RESPONSE,
          "HTTP " + a.status + " from " + host + " with a body that is not a valid " + type.getSimpleName()
              + " (" + a.body.length() + " bytes)", null, attempts);
    }
    if (secret == null || secret.secretValue() == null || secret.secretValue().isEmpty()) {
      throw new UpstreamException(UpstreamException.Kind.INVALID_RESPONSE,
          "HTTP " + a.status + " from " + host + " without a client secret value and expiry", null, attempts);
    }
    Instant expiresAt;
    try {
      expiresAt = secret.expiresAt();
    } catch (DateTimeException beyondInstant) {
      expiresAt = Instant.MAX;
    }
    if (expiresAt == null) {
      throw new UpstreamException(UpstreamException.Kind.INVALID_RESPONSE,
          "HTTP " + a.status + " from " + host + " without a client secret value and expiry", null, attempts);
    }
    Instant now = serverDate != null ? serverDate : clock.instant();
    // checked before anyone converts it: toEpochMilli() of an expires_at near 1e16 s overflows
    if (expiresAt.getEpochSecond() <= 0 || expiresAt.isAfter(now.plus(MAX_SECRET_LIFETIME).plus(EXPIRY_SLACK))) {
      throw new UpstreamException(UpstreamException.Kind.INVALID_RESPONSE,
          "HTTP " + a.status + " from " + host + " with an expires_at no secret can have ("
              + (expiresAt == Instant.MAX ? "beyond year 1000000000" : expiresAt.getEpochSecond() + " s")
              + ", server time " + now + ", secrets live at most " + MAX_SECRET_LIFETIME.toMinutes() + " min)",
          null, attempts);
    }
    if (!expiresAt.isAfter(now)) {
      throw new UpstreamException(UpstreamException.Kind.INVALID_RESPONSE,
          "HTTP " + a.status + " from " + host + " with a secret that had already expired (expires_at "
              + expiresAt + ", server time " + now + ")", null, attempts);
    }
    return secret;
  }

  ApiException fromStatus(RealtimeSecretsClientImpl.Answer a, Instant serverDate, String requestId, int attempts) {
    String type = null;
    String code = null;
    String param = null;
    String message = null;
    if (a.body.length() > 0) {
      try {
        JsonNode root = ModelJson.decode(a.body.getBytes(), JsonNode.class);
        JsonNode error = root == null ? null : root.get("error");
        if (error != null && error.isObject()) {
          type = text(error.get("type"));
          code = text(error.get("code"));
          param = text(error.get("param"));
          message = text(error.get("message"));
        } else if (error != null && error.isTextual()) {
          message = error.asText();
        }
      } catch (RuntimeException notJson) {
        // a proxy's HTML error page, say: the status alone has to do
      }
    }
    return new ApiException(a.status, type, code, scrub(param), scrub(message), requestId,
        RetryAfter.parse(a.headers, serverDate, clock), attempts);
  }

  RealtimeSecretsException fromTransport(Throwable t, String host, int port, long attemptTimeoutMillis, String limit,
      int attempts) {
    if (t instanceof RealtimeSecretsClientImpl.ResponseTooLargeException tooLarge) {
      return new UpstreamException(UpstreamException.Kind.RESPONSE_TOO_LARGE,
          "response from " + host + ":" + port + " exceeds the cap of " + tooLarge.cap + " bytes (maxResponseBytes)",
          null, attempts);
    }
    if (t instanceof TimeoutException) {
      return new UpstreamTimeoutException("no answer from " + host + ":" + port + " within " + attemptTimeoutMillis
          + " ms (" + limit + ")", t, attempts);
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException) {
        return new UpstreamException(UpstreamException.Kind.TLS,
            "TLS handshake with " + host + ":" + port + " failed: " + scrub(c.getMessage())
                + " (is the server certificate trusted? see addPemCaCertPath / setTrustOptions)", t, attempts);
      }
      if (c instanceof TimeoutException) {
        return new UpstreamTimeoutException("no answer from " + host + ":" + port + " within "
            + attemptTimeoutMillis + " ms (" + limit + ")", t, attempts);
      }
    }
    String detail = t.getMessage() == null ? t.getClass().getSimpleName() : scrub(t.getMessage());
    return new UpstreamException(UpstreamException.Kind.CONNECTION,
        "connection to " + host + ":" + port + " failed: " + detail, t, attempts);
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  /**
   * The delay the upstream asked for, measured against the system clock when the answer has no {@code Date};
   * see {@link RetryAfter}.
   */
  static Duration retryAfter(MultiMap headers, Instant serverDate) {
    return RetryAfter.parse(headers, serverDate, Clock.systemUTC());
  }

  /** As {@link #retryAfter(MultiMap, Instant)}, with the clock an HTTP-date is measured from. */
  static Duration retryAfter(MultiMap headers, Instant serverDate, Clock clock) {
    return RetryAfter.parse(headers, serverDate, clock);
  }

  /** An HTTP-date (such as the {@code Date} header) in any format RFC 9110 accepts, or {@code null}. */
  static Instant parseHttpDate(String value) {
    return RetryAfter.httpDate(value, Clock.systemUTC());
  }

  static RateLimitInfo rateLimit(MultiMap headers) {
    String limit = headers.get("x-ratelimit-limit-requests");
    String remaining = headers.get("x-ratelimit-remaining-requests");
    String reset = headers.get("x-ratelimit-reset-requests");
    if (limit == null && remaining == null && reset == null) {
      return RateLimitInfo.UNKNOWN;
    }
    return new RateLimitInfo(parseLong(limit), parseLong(remaining), RateLimitInfo.parseResetDuration(reset),
        Instant.now());
  }

  private static long parseLong(String s) {
    if (s == null) {
      return -1;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
