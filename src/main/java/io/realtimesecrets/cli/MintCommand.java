package io.realtimesecrets.cli;

import io.realtimesecrets.client.CallOptions;
import io.realtimesecrets.client.MintResult;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.mock.MockUpstreamOptions;
import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.model.EphemeralSecret;
import io.realtimesecrets.model.SecretRequest;
import io.realtimesecrets.model.SecretRequests;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mint}: mints one secret and prints the upstream's JSON on stdout. Exit codes: 0 minted, 1 the
 * upstream refused or failed, 2 bad usage (unknown endpoint, unreadable or invalid body, invalid number).
 */
@Command(name = "mint", mixinStandardHelpOptions = true, sortOptions = false,
    descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
    header = "Mint one ephemeral secret and print the upstream's JSON on stdout.",
    description = "With no --api-key / OPENAI_API_KEY and no --base-url / OPENAI_BASE_URL it mints against "
        + "the embedded mock upstream, and says so on stderr.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:minted; the JSON is on stdout",
        "1:the upstream refused or failed; the reason is on stderr",
        "2:bad usage: unknown flag or endpoint, invalid number, unreadable or invalid --body"})
final class MintCommand implements Callable<Integer> {

  /** The names {@code --endpoint} accepts. */
  static final String ENDPOINTS = "client_secrets, translations, sessions, transcription_sessions";

  @Spec
  CommandSpec spec;

  @Option(names = "--endpoint", paramLabel = "NAME", defaultValue = "client_secrets",
      description = "client_secrets (GA, default), translations (GA), sessions (beta), transcription_sessions (beta).")
  String endpoint;

  @Option(names = "--body", paramLabel = "FILE",
      description = "Request body JSON from FILE, or - for stdin (default: a minimal valid body).")
  String body;

  @Option(names = "--allow-unknown-fields",
      description = "Send fields of --body that this version does not know (newer API fields) instead of refusing them.")
  boolean allowUnknownFields;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "API base URL (default: env OPENAI_BASE_URL, else the OpenAI API).")
  String baseUrl;

  @Option(names = "--api-key", paramLabel = "KEY", description = "API key (default: env OPENAI_API_KEY).")
  String apiKey;

  @Option(names = "--max-retries", paramLabel = "N", converter = Flags.ZeroOrMore.class,
      description = "Retries after the first attempt (default: 2).")
  Integer maxRetries;

  @Option(names = "--timeout-ms", paramLabel = "N", converter = Flags.PositiveMillis.class,
      description = "Deadline of the whole call in ms, retries included (default: 60000).")
  Duration timeout;

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
    try {
      return mint();
    } catch (ParameterException e) {
      // on the command's own stderr, like every other line it prints; exit code 2
      err.println("mint: " + Main.describe(e));
      err.println("try: realtime-secrets mint --help");
      err.flush();
      return Main.USAGE_ERROR;
    }
  }

  private int mint() {
    Endpoint ep;
    try {
      ep = Endpoint.fromCliName(endpoint);
    } catch (IllegalArgumentException e) {
      throw Flags.usage(spec, "--endpoint", endpoint, "expected one of " + ENDPOINTS);
    }
    SecretRequest<?> request;
    if (body == null) {
      request = SecretRequests.minimal(ep);
    } else {
      String text = readBody();
      Flags.requireJsonObject(spec, "--body", body, text);
      try {
        request = SecretRequests.fromJson(ep, text);
        if (!allowUnknownFields) {
          SecretRequests.requireKnownFields(request);
        }
        request.validate();
      } catch (IllegalArgumentException e) { // RequestValidationException included: it names the JSON path
        throw Flags.usage(spec, "--body", body, e.getMessage());
      }
    }
    CallOptions.Builder call = CallOptions.builder();
    if (maxRetries != null) {
      call.maxRetries(maxRetries);
    }
    if (timeout != null) {
      call.timeout(timeout);
    }
    CallOptions callOptions = call.build();
    RealtimeSecretsClientOptions options;
    try {
      options = Upstream.clientOptions(env, baseUrl, apiKey);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
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
      Duration deadline = (timeout != null ? timeout : options.getCallTimeout()).plusSeconds(5);
      MintResult<? extends EphemeralSecret> result = MainThread.await(client.mint(request, callOptions), deadline);
      out.println(result.secret().toJson());
      out.flush();
      return 0;
    } catch (Exception e) {
      // the library's messages name the status and the upstream's error, never the key or a secret
      err.println("mint: " + ServeCommand.describe(e));
      return 1;
    } finally {
      vertx.close();
    }
  }

  private String readBody() {
    if ("-".equals(body)) {
      try {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw Flags.usage(spec, "--body", "-", "cannot read stdin");
      }
    }
    return Flags.readFile(spec, "--body", body);
  }
}
