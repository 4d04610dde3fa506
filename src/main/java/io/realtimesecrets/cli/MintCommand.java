package io.realtimesecrets.cli;

import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.client.RealtimeSecretsException;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.RequestValidationException;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.model.SecretRequests;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mint}: mints one secret and prints the upstream's JSON on stdout. Exit codes: 0 minted, 1 the
 * upstream refused or failed, 2 bad usage (unknown endpoint, unreadable or invalid body).
 */
@Command(name = "mint", mixinStandardHelpOptions = true,
    description = {"Mint one ephemeral client secret and print the upstream's JSON response on stdout.",
        "With no --api-key / OPENAI_API_KEY and no --base-url / OPENAI_BASE_URL it mints against the embedded mock."})
final class MintCommand implements Callable<Integer> {

  @Option(names = "--endpoint", defaultValue = "client_secrets",
      description = "client_secrets (GA, default), translations (GA), sessions (beta), transcription_sessions (beta)")
  String endpoint;

  @Option(names = "--body", paramLabel = "FILE|-",
      description = "request body JSON from a file, or - for stdin (default: a minimal valid body)")
  String body;

  @Option(names = "--allow-unknown-fields",
      description = "send fields of --body that this version does not know (newer API fields) instead of refusing them")
  boolean allowUnknownFields;

  @Option(names = "--base-url", paramLabel = "URL", description = "API base URL (default: OPENAI_BASE_URL or https://api.openai.com/v1)")
  String baseUrl;

  @Option(names = "--api-key", paramLabel = "KEY", description = "API key (default: OPENAI_API_KEY)")
  String apiKey;

  @Option(names = "--max-retries", paramLabel = "N", description = "retries after the first attempt (default 2)")
  Integer maxRetries;

  @Option(names = "--timeout-ms", paramLabel = "N", description = "overall deadline of the call, retries included (default 60000)")
  Long timeoutMs;

  private final Map<String, String> env;
  private final InputStream stdin;
  private final PrintStream out;
  private final PrintStream err;

  MintCommand() {
    this(System.getenv(), System.in, System.out, System.err);
  }

  MintCommand(Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
    this.env = env;
    this.stdin = stdin;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Endpoint ep;
    SecretRequest<?> request;
    CallOptions callOptions;
    try {
      ep = Endpoint.fromCliName(endpoint);
      request = body == null ? SecretRequests.minimal(ep) : SecretRequests.fromJson(ep, readBody());
      if (!allowUnknownFields) {
        SecretRequests.requireKnownFields(request);
      }
      request.validate();
      CallOptions.Builder b = CallOptions.builder();
      if (maxRetries != null) {
        b.maxRetries(maxRetries);
      }
      if (timeoutMs != null) {
        b.timeout(Duration.ofMillis(timeoutMs));
      }
      callOptions = b.build();
    } catch (RequestValidationException e) {
      err.println("mint: invalid request body: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException | IOException e) {
      err.println("mint: " + e.getMessage());
      return 2;
    }
    RealtimeSecretsClientOptions options;
    try {
      options = Upstream.clientOptions(env, baseUrl, apiKey);
    } catch (IllegalArgumentException e) {
      err.println("mint: " + e.getMessage());
      return 2;
    }
    boolean useMock = Upstream.wantsEmbeddedMock(env, baseUrl, options);
    Vertx vertx = Vertx.vertx();
    try {
      if (useMock) {
        MockUpstream mock = MainThread.await(MockUpstream.create(vertx, new MockUpstreamOptions()).start(), Duration.ofSeconds(10));
        Upstream.useEmbeddedMock(options, mock);
        err.println("mint: no --api-key / OPENAI_API_KEY and no --base-url: minting against the embedded mock upstream at "
            + mock.baseUrl());
      }
      RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx, options);
      long deadline = (timeoutMs != null ? timeoutMs : options.getCallTimeout().toMillis()) + 5_000;
      MintResult<? extends EphemeralSecret> result = MainThread.await(client.mint(request, callOptions), Duration.ofMillis(deadline));
      out.println(result.secret().toJson());
      out.flush();
      return 0;
    } catch (RealtimeSecretsException e) {
      err.println("mint: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("mint: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return 1;
    } finally {
      vertx.close();
    }
  }

  private String readBody() throws IOException {
    if ("-".equals(body)) {
      return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path p = Path.of(body);
    if (!Files.isReadable(p)) {
      throw new IOException("--body " + body + ": file not found or not readable");
    }
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
