package io.realtimesecrets.examples.tokenservice;

import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.pool.SecretPoolException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code GET /token}: one ephemeral client secret from the extension's default pool, for this caller only, exactly as the API
 * returned it ({@code {"value":"ek_...","expires_at":...,"session":{...}}}). Runs on the event loop; nothing
 * blocks.
 */
@Path("/token")
public class TokenResource {

  /** The error body: {@code {"error":{"type":"acquire_timeout","message":"no token became available..."}}}. */
  public record ErrorBody(Error error) {
    /** What went wrong, in words fit for a browser. */
    public record Error(String type, String message) {}
  }

  private static final Logger LOG = Logger.getLogger(TokenResource.class);

  // snippet:quarkus-resource
  private final SecretPool<ClientSecret> pool;

  TokenResource(SecretPool<ClientSecret> pool) {
    this.pool = pool;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @ResponseHeader(name = "Cache-Control", value = "no-store")
  public Uni<String> token() {
    // The library's own JSON rather than the app's ObjectMapper: the browser gets the API's shape untouched.
    return pool.takeUni().map(ClientSecret::toJson);
  }
  // end:quarkus-resource

  /**
   * The pool says why it has no secret: 503 with {@code Retry-After} when waiting helps, else 502. Browsers get
   * a fixed message per reason; the detail (upstream errors included) stays in the server's log.
   */
  @ServerExceptionMapper
  public RestResponse<ErrorBody> noSecret(SecretPoolException e) {
    boolean retryable = e.reason() != SecretPoolException.Reason.UPSTREAM_REJECTED;
    if (retryable) {
      LOG.debugf("no token: %s", e.getMessage());
    } else {
      LOG.errorf("no token, the upstream refuses to mint (key, quota or request template): %s", e.getMessage());
    }
    RestResponse.ResponseBuilder<ErrorBody> answer = RestResponse.ResponseBuilder
        .ok(new ErrorBody(new ErrorBody.Error(e.reason().name().toLowerCase(Locale.ROOT), messageFor(e.reason()))),
            MediaType.APPLICATION_JSON_TYPE)
        .status(retryable ? Status.SERVICE_UNAVAILABLE : Status.BAD_GATEWAY)
        .header("Cache-Control", "no-store");
    if (retryable && e.retryAfter() != null) {
      answer.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    }
    return answer.build();
  }

  private static String messageFor(SecretPoolException.Reason reason) {
    switch (reason) {
      case WAITERS_FULL:
        return "too many callers are waiting for a token; retry later";
      case ACQUIRE_TIMEOUT:
        return "no token became available in time; retry later";
      case CIRCUIT_OPEN:
        return "the upstream is failing; retry later";
      case CLOSED:
        return "the token service is shutting down";
      default:
        return "the token service cannot mint tokens; see its log";
    }
  }
}
