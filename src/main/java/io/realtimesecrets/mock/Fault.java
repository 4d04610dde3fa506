package io.realtimesecrets.mock;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One way for the mock to misbehave on a single request: an immutable value, safe to share between threads.
 *
 * <p>Build one with the factories ({@link #rateLimited(Duration)}, {@link #status(int)}, {@link #reset()}, ...)
 * or parse its text form with {@link #parse(String)}. The same text form is used by the
 * {@value MockUpstream#FAULT_HEADER} request header and the {@code mock --fault} command line flag:
 *
 * <table>
 *   <caption>Text forms</caption>
 *   <tr><th>text</th><th>fault</th></tr>
 *   <tr><td>{@code 429}, {@code 429:2}, {@code 429:1500ms}</td><td>{@link #rateLimited(Duration)}; the
 *       optional part is the retry delay (a bare number is seconds, like {@code Retry-After})</td></tr>
 *   <tr><td>{@code 500}, {@code 503:5}, any code 400..599</td><td>{@link #status(int, Duration)}</td></tr>
 *   <tr><td>{@code quota}</td><td>{@link #insufficientQuota()}</td></tr>
 *   <tr><td>{@code reset}</td><td>{@link #reset()}</td></tr>
 *   <tr><td>{@code stall}, {@code stall:2000}, {@code stall:2s}</td><td>{@link #stall()} or
 *       {@link #stall(Duration)} (a bare number is milliseconds, like every timeout of this project)</td></tr>
 *   <tr><td>{@code malformed}</td><td>{@link #malformedJson()}</td></tr>
 *   <tr><td>{@code truncated}</td><td>{@link #truncatedJson()}</td></tr>
 *   <tr><td>{@code html}</td><td>{@link #wrongContentType()}</td></tr>
 *   <tr><td>{@code expired}</td><td>{@link #expired()}</td></tr>
 *   <tr><td>{@code huge}, {@code huge:1048576}</td><td>{@link #hugeBody()} or {@link #hugeBody(int)}
 *       (bytes)</td></tr>
 * </table>
 */
public final class Fault {

  /** Size of the body sent by {@link #hugeBody()}: {@value} bytes (5 MiB). */
  public static final int DEFAULT_HUGE_BODY_BYTES = 5 * 1024 * 1024;

  /** How far in the past {@link #expired()} puts {@code expires_at}: 60 seconds. */
  public static final Duration EXPIRED_BY = Duration.ofSeconds(60);

  /** What kind of misbehaviour a fault is. */
  public enum Kind {
    /** 429 {@code rate_limit_exceeded}, with {@code Retry-After} and {@code retry-after-ms} when a delay is set. */
    RATE_LIMITED,
    /** 429 with type and code {@code insufficient_quota} and no retry headers: retrying does not help. */
    INSUFFICIENT_QUOTA,
    /** Any other error status (400..599) with the API's error JSON. */
    STATUS,
    /** The connection is closed without any response. */
    RESET,
    /** No answer at all, or a normal answer after a delay. */
    STALL,
    /** 200 with {@code application/json} whose body is not JSON. */
    MALFORMED_JSON,
    /** 200 that declares a {@code content-length}, sends half of the body, then closes the connection. */
    TRUNCATED_JSON,
    /** 200 with {@code text/html}, as a proxy or captive portal would answer. */
    WRONG_CONTENT_TYPE,
    /** A normal mint whose {@code expires_at} lies {@link #EXPIRED_BY} in the past. */
    EXPIRED,
    /** A normal, valid mint whose body is padded to a huge size. */
    HUGE_BODY
  }

  private static final Fault RESET = new Fault(Kind.RESET, 0, null, null, 0);
  private static final Fault STALL_FOREVER = new Fault(Kind.STALL, 0, null, null, 0);
  private static final Fault QUOTA = new Fault(Kind.INSUFFICIENT_QUOTA, 429, null, null, 0);
  private static final Fault MALFORMED = new Fault(Kind.MALFORMED_JSON, 200, null, null, 0);
  private static final Fault TRUNCATED = new Fault(Kind.TRUNCATED_JSON, 200, null, null, 0);
  private static final Fault HTML = new Fault(Kind.WRONG_CONTENT_TYPE, 200, null, null, 0);
  private static final Fault EXPIRED = new Fault(Kind.EXPIRED, 200, null, null, 0);

  private final Kind kind;
  private final int status;
  private final Duration retryAfter;
  private final Duration stallFor;
  private final int bodyBytes;

  private Fault(Kind kind, int status, Duration retryAfter, Duration stallFor, int bodyBytes) {
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.stallFor = stallFor;
    this.bodyBytes = bodyBytes;
  }

  /**
   * A 429 {@code rate_limit_exceeded} answer.
   *
   * @param retryAfter the delay announced in {@code Retry-After} (whole seconds, rounded up, at least 1) and
   *     {@code retry-after-ms}; {@link Duration#ZERO} sends neither header
   * @return the fault
   * @throws IllegalArgumentException if {@code retryAfter} is negative
   */
  public static Fault rateLimited(Duration retryAfter) {
    return new Fault(Kind.RATE_LIMITED, 429, nonNegative(retryAfter, "retryAfter"), null, 0);
  }

  /**
   * A 429 with type and code {@code insufficient_quota} (billing exhausted), without retry headers.
   *
   * @return the fault
   */
  public static Fault insufficientQuota() {
    return QUOTA;
  }

  /**
   * An error status with the API's error JSON and no {@code Retry-After}. {@code status(429)} is
   * {@code rateLimited(Duration.ZERO)}.
   *
   * @param status an HTTP status from 400 to 599
   * @return the fault
   * @throws IllegalArgumentException if the status is outside 400..599
   */
  public static Fault status(int status) {
    return status(status, Duration.ZERO);
  }

  /**
   * An error status with the API's error JSON and, when {@code retryAfter} is positive, {@code Retry-After}
   * and {@code retry-after-ms} (as a 503 from a load balancer may carry).
   *
   * @param status an HTTP status from 400 to 599
   * @param retryAfter the announced delay; {@link Duration#ZERO} for none
   * @return the fault
   * @throws IllegalArgumentException if the status is outside 400..599 or the delay is negative
   */
  public static Fault status(int status, Duration retryAfter) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("fault status must be between 400 and 599, got " + status);
    }
    if (status == 429) {
      return rateLimited(retryAfter);
    }
    return new Fault(Kind.STATUS, status, nonNegative(retryAfter, "retryAfter"), null, 0);
  }

  /**
   * Closes the connection without answering (on HTTP/2 this ends every stream of that connection).
   *
   * @return the fault
   */
  public static Fault reset() {
    return RESET;
  }

  /**
   * Never answers; the request stays open until the client gives up or the mock is closed.
   *
   * @return the fault
   */
  public static Fault stall() {
    return STALL_FOREVER;
  }

  /**
   * Answers normally, but only after {@code delay} (on top of any configured latency).
   *
   * @param delay the extra delay, positive
   * @return the fault
   * @throws IllegalArgumentException if the delay is not positive
   */
  public static Fault stall(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isZero() || delay.isNegative()) {
      throw new IllegalArgumentException("stall delay must be positive, got " + delay);
    }
    return new Fault(Kind.STALL, 0, null, delay, 0);
  }

  /**
   * 200, {@code content-type: application/json}, a body that is not JSON.
   *
   * @return the fault
   */
  public static Fault malformedJson() {
    return MALFORMED;
  }

  /**
   * 200 declaring the full {@code content-length}, then half the body, then the connection closes.
   *
   * @return the fault
   */
  public static Fault truncatedJson() {
    return TRUNCATED;
  }

  /**
   * 200 with {@code content-type: text/html} and an HTML page.
   *
   * @return the fault
   */
  public static Fault wrongContentType() {
    return HTML;
  }

  /**
   * A normal mint (the secret counts as minted) whose {@code expires_at} is {@link #EXPIRED_BY} in the past.
   *
   * @return the fault
   */
  public static Fault expired() {
    return EXPIRED;
  }

  /**
   * A normal, valid mint padded to {@link #DEFAULT_HUGE_BODY_BYTES}.
   *
   * @return the fault
   */
  public static Fault hugeBody() {
    return hugeBody(DEFAULT_HUGE_BODY_BYTES);
  }

  /**
   * A normal, valid mint whose body is at least {@code bytes} long (the padding is an extra
   * top-level string field, {@code mock_padding}, which a tolerant client ignores).
   *
   * @param bytes minimum body size, at least 1024
   * @return the fault
   * @throws IllegalArgumentException if {@code bytes} is below 1024
   */
  public static Fault hugeBody(int bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("huge body must be at least 1024 bytes, got " + bytes);
    }
    return new Fault(Kind.HUGE_BODY, 200, null, null, bytes);
  }

  /**
   * Parses the text form described in the class documentation.
   *
   * @param text e.g. {@code 503}, {@code 429:2}, {@code stall:1500ms}, {@code reset}
   * @return the fault
   * @throws IllegalArgumentException naming the accepted forms when the text is none of them
   */
  public static Fault parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text);
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    int colon = t.indexOf(':');
    String name = colon < 0 ? t : t.substring(0, colon);
    String arg = colon < 0 ? null : t.substring(colon + 1);
    try {
      switch (name) {
        case "reset":
          return noArg(arg, text, RESET);
        case "stall":
          return arg == null ? STALL_FOREVER : stall(duration(arg, false));
        case "quota":
        case "insufficient_quota":
          return noArg(arg, text, QUOTA);
        case "malformed":
          return noArg(arg, text, MALFORMED);
        case "truncated":
          return noArg(arg, text, TRUNCATED);
        case "html":
          return noArg(arg, text, HTML);
        case "expired":
          return noArg(arg, text, EXPIRED);
        case "huge":
          return arg == null ? hugeBody() : hugeBody(Integer.parseInt(arg));
        default:
          if (!name.matches("[45]\\d\\d")) {
            throw invalid(text);
          }
          return status(Integer.parseInt(name), arg == null ? Duration.ZERO : duration(arg, true));
      }
    } catch (NumberFormatException e) {
      throw invalid(text);
    }
  }

  /**
   * The text form, which {@link #parse(String)} turns back into an equal fault.
   *
   * @return e.g. {@code 429:2000ms}
   */
  public String spec() {
    switch (kind) {
      case RATE_LIMITED:
      case STATUS:
        return retryAfter.isZero() ? Integer.toString(status) : status + ":" + retryAfter.toMillis() + "ms";
      case INSUFFICIENT_QUOTA:
        return "quota";
      case RESET:
        return "reset";
      case STALL:
        return stallFor == null ? "stall" : "stall:" + stallFor.toMillis() + "ms";
      case MALFORMED_JSON:
        return "malformed";
      case TRUNCATED_JSON:
        return "truncated";
      case WRONG_CONTENT_TYPE:
        return "html";
      case EXPIRED:
        return "expired";
      case HUGE_BODY:
        return "huge:" + bodyBytes;
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  /**
   * What kind of misbehaviour this is.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The HTTP status sent, or 0 for {@link Kind#RESET} and {@link Kind#STALL} (which send none of their own).
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The delay announced by {@code Retry-After}/{@code retry-after-ms}, for {@link Kind#RATE_LIMITED} and
   * {@link Kind#STATUS}; empty when no header is sent.
   *
   * @return the announced delay
   */
  public Optional<Duration> retryAfter() {
    return retryAfter == null || retryAfter.isZero() ? Optional.empty() : Optional.of(retryAfter);
  }

  /**
   * For {@link Kind#STALL}: the delay before a normal answer; empty when the mock never answers.
   *
   * @return the stall delay
   */
  public Optional<Duration> stallFor() {
    return Optional.ofNullable(stallFor);
  }

  /**
   * For {@link Kind#HUGE_BODY}: the minimum body size in bytes; 0 otherwise.
   *
   * @return the size
   */
  public int bodyBytes() {
    return bodyBytes;
  }

  /**
   * Whether the mock still authenticates, validates and mints for this fault (only the answer is shaped):
   * true for {@link Kind#EXPIRED}, {@link Kind#HUGE_BODY} and a {@link Kind#STALL} with a delay.
   *
   * @return true when a secret is minted despite the fault
   */
  public boolean mints() {
    return kind == Kind.EXPIRED || kind == Kind.HUGE_BODY || (kind == Kind.STALL && stallFor != null);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Fault)) {
      return false;
    }
    Fault f = (Fault) o;
    return kind == f.kind && status == f.status && bodyBytes == f.bodyBytes
        && Objects.equals(retryAfter, f.retryAfter) && Objects.equals(stallFor, f.stallFor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, status, retryAfter, stallFor, bodyBytes);
  }

  @Override
  public String toString() {
    return "Fault[" + spec() + "]";
  }

  private static Fault noArg(String arg, String text, Fault fault) {
    if (arg != null) {
      throw invalid(text);
    }
    return fault;
  }

  private static Duration duration(String arg, boolean bareIsSeconds) {
    if (arg.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(arg.substring(0, arg.length() - 2)));
    }
    if (arg.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(arg.substring(0, arg.length() - 1)) * 1000));
    }
    long n = Long.parseLong(arg);
    return bareIsSeconds ? Duration.ofSeconds(n) : Duration.ofMillis(n);
  }

  private static Duration nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
    return d;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("unknown fault '" + text + "': expected a status 400..599 (optionally"
        + " ':<retry-after>', e.g. 429:2 or 503:1500ms), quota, reset, stall[:<ms>], malformed, truncated, html,"
        + " expired or huge[:<bytes>]");
  }
}
