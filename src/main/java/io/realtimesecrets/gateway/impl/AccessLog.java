package io.realtimesecrets.gateway.impl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The access log: one INFO record per {@code /token} call on the {@value TokenGatewayImpl#ACCESS_LOGGER} logger.
 *
 * <p>The record's message is the human-readable line ({@code profile=default status=200 latencyMs=3}, then
 * {@code traceId=... spanId=...} when the call is traced); its parameters carry the same facts and more, named
 * by {@link #FIELDS}, so that a structured backend (serve's {@code --log-format json}) writes them as fields
 * without parsing the text. The message has no
 * {@code {0}} placeholders, so text formatters print it unchanged.
 */
public final class AccessLog {

  /** Names of the record's parameters, in order: profile, status, latency_ms, request_id, trace_id, span_id. */
  public static final List<String> FIELDS =
      List.of("profile", "status", "latency_ms", "request_id", "trace_id", "span_id");

  /** Request header whose value, when well formed, becomes the call's request id (set by a proxy in front). */
  public static final String REQUEST_ID_HEADER = "x-request-id";

  // a caller-chosen id goes into log lines: plain characters and a bounded length only
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Logger LOG = System.getLogger(TokenGatewayImpl.ACCESS_LOGGER);

  private AccessLog() {
  }

  /**
   * The request id of a call: the caller's (proxy's) {@code X-Request-Id} when it is short and plain, else 16
   * random hex digits.
   *
   * @param header the header's value, or {@code null}
   * @return the id
   */
  public static String requestId(String header) {
    if (header != null && SAFE_ID.matcher(header).matches()) {
      return header;
    }
    return String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  /** Whether a line would be written. */
  static boolean enabled() {
    return LOG.isLoggable(Level.INFO);
  }

  /**
   * Writes one access line.
   *
   * @param profile the profile's name ({@code unknown} for names not configured)
   * @param status the HTTP status (499 when the caller went away)
   * @param latencyMs the call's duration in ms
   * @param requestId the call's request id
   * @param traceId the trace id of the call's span, or {@code null} without tracing
   * @param spanId the id of the call's span, or {@code null} without tracing
   */
  static void write(String profile, int status, long latencyMs, String requestId, String traceId, String spanId) {
    String text = "profile=" + profile + " status=" + status + " latencyMs=" + latencyMs
        // a traced call's ids, to find its trace from a text line
        + (traceId == null ? "" : " traceId=" + traceId + " spanId=" + spanId);
    LOG.log(Level.INFO, text, profile, status, latencyMs, requestId, traceId, spanId);
  }
}
