package io.realtimesecrets.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.gateway.GatewayOptions;
import io.realtimesecrets.gateway.TokenGateway;
import io.realtimesecrets.mock.MockUpstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example Prometheus alert rules of docs/operations.md are well formed, and every metric they (and
 * operations.md) name is one a running gateway exports on /metrics; a renamed meter fails here, not in
 * someone's Prometheus.
 */
@ExtendWith(VertxExtension.class)
class AlertRulesTest {

  static final Path RULES = DocsTest.ROOT.resolve("docs/alerts/realtime-secrets.rules.yml");
  static final Path OPERATIONS = DocsTest.ROOT.resolve("docs/operations.md");

  /** PromQL words that are not metric names. */
  static final Set<String> PROMQL = Set.of("sum", "min", "max", "avg", "count", "by", "without", "rate",
      "irate", "increase", "histogram_quantile", "and", "or", "unless", "on", "ignoring", "group_left",
      "group_right", "bool", "offset", "topk", "bottomk", "abs", "absent", "clamp_min", "clamp_max", "delta",
      "deriv", "time", "vector", "scalar", "label_replace", "sum_over_time", "avg_over_time", "max_over_time",
      "min_over_time");

  static JsonNode rules() throws IOException {
    return new YAMLMapper().readTree(RULES.toFile());
  }

  /** The metric names a PromQL expression reads. */
  static Set<String> metricNames(String expr) {
    String bare = expr.replaceAll("\"[^\"]*\"", "")     // label values
        .replaceAll("\\{[^}]*}", " ")                   // label matchers
        .replaceAll("\\[[^]]*]", " ")                   // ranges
        .replaceAll("(by|without|on|ignoring)\\s*\\([^)]*\\)", " "); // grouping labels
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
    while (m.find()) {
      if (!PROMQL.contains(m.group())) {
        names.add(m.group());
      }
    }
    return names;
  }

  @Test
  void metricNamesAreReadFromAnExpressionWithoutLabelsFunctionsOrRanges() {
    assertEquals(Set.of("a_total", "b_seconds_count"), metricNames(
        "sum by (pool) (rate(a_total{kind=~\"auth|quota\"}[5m])) / on(pool) max without (x) (b_seconds_count) > 0.5"));
  }

  @Test
  void everyRuleHasAlertExprForLabelsAndAnnotations() throws IOException {
    JsonNode groups = rules().path("groups");
    assertTrue(groups.isArray() && groups.size() > 0, "no groups in " + RULES);
    List<String> problems = new ArrayList<>();
    int count = 0;
    for (JsonNode group : groups) {
      assertTrue(group.path("name").isTextual(), "a group without a name");
      for (JsonNode rule : group.path("rules")) {
        count++;
        String name = rule.path("alert").asText("(no alert name)");
        if (!rule.path("alert").isTextual() || !name.matches("[A-Z][A-Za-z0-9]+")) {
          problems.add(name + ": alert must be a CamelCase name");
        }
        if (rule.path("expr").asText("").isBlank()) {
          problems.add(name + ": no expr");
        }
        if (!rule.path("for").asText("").matches("\\d+[smhd]")) {
          problems.add(name + ": for must be a duration such as 5m");
        }
        if (!rule.path("labels").path("severity").isTextual()) {
          problems.add(name + ": labels.severity missing");
        }
        if (rule.path("annotations").path("summary").asText("").isBlank()
            || rule.path("annotations").path("description").asText("").isBlank()) {
          problems.add(name + ": annotations.summary and annotations.description are required");
        }
      }
    }
    assertTrue(count >= 5, "rules: " + count);
    assertEquals(List.of(), problems);
  }

  @Test
  void everyMetricInTheRulesAndInOperationsMdIsExportedByARunningGateway(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    Set<String> used = new TreeSet<>();
    for (JsonNode group : rules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        used.addAll(metricNames(rule.path("expr").asText()));
      }
    }
    Matcher documented = Pattern.compile("\\brealtime_[a-z_]+[a-z]\\b(?![*_])")
        .matcher(Files.readString(OPERATIONS, StandardCharsets.UTF_8));
    while (documented.find()) {
      used.add(documented.group());
    }

    MockUpstream mock = MockUpstream.create(vertx);
    WebClient web = WebClient.create(vertx);
    mock.start().compose(m -> {
      RealtimeSecretsClient client = RealtimeSecretsClient.create(vertx,
          new RealtimeSecretsClientOptions().setBaseUrl(m.baseUrl()).setApiKey("sk-alerts-test"));
      // a fleet gateway (mint budget and stock shared through Redis) exports every series operations.md lists;
      // nothing listens on port 1: the metrics exist from the start and the gateway serves on its fallback
      TokenGateway gateway = TokenGateway.create(vertx, client, new GatewayOptions()
          .setRedisUrl("redis://127.0.0.1:1").setMintRateLimit(100).setSharedStock(true)
          .setSharedStockKey("q3nKjz0b3b6cO5F3yHqkR1xZ8d8b2s4p6v0w9e7r5t4="));
      return gateway.start()
          .compose(v -> vertx.createHttpServer().requestHandler(gateway.router()).listen(0, "127.0.0.1"))
          .map(HttpServer::actualPort)
          .compose(port -> web.get(port, "127.0.0.1", "/token").send()
              .compose(token -> web.get(port, "127.0.0.1", "/token/nope").send())
              .compose(notFound -> web.get(port, "127.0.0.1", "/metrics").send()))
          .eventually(gateway::close)
          .eventually(client::close);
    }).eventually(mock::close).onComplete(ctx.succeeding(scrape -> ctx.verify(() -> {
      Set<String> exported = new TreeSet<>();
      scrape.bodyAsString().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
          .forEach(l -> exported.add(l.split("[{ ]", 2)[0]));
      Set<String> missing = new TreeSet<>(used);
      missing.removeAll(exported);
      assertTrue(used.size() >= 7, "metrics used: " + used);
      assertEquals(Set.of(), missing, "not on /metrics; exported: " + exported);
      ctx.completeNow();
    })));
  }
}
