package io.realtimesecrets.quarkus.opentelemetry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An app with quarkus-opentelemetry: the gateway's {@code /token} span and the pool's mint span are recorded
 * through the app's {@code OpenTelemetry} bean (its exporter, here an in-memory one), the call's span is a child of
 * Quarkus's HTTP server span, which continues the caller's {@code traceparent}, and it links to the mint of the
 * secret it served, a trace of its own. GlobalOpenTelemetry is not what the extension goes through.
 */
class OpenTelemetryTracingTest {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .withApplicationRoot(jar -> jar.addClass(InMemorySpanExporterProducer.class))
      .overrideConfigKey("quarkus.http.test-port", "0")
      .overrideConfigKey("quarkus.realtime-secrets.pools.default.min-idle", "1")
      .overrideConfigKey("quarkus.realtime-secrets.gateway.enabled", "true")
      // export each span when it ends; the OTLP exporter has nowhere to send in a test
      .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "10ms")
      .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false");

  @Inject
  InMemorySpanExporter spans;

  @Test
  void aTokenCallAndThePoolMintItServedAreSpansOfTheAppsOpenTelemetry() {
    // quarkus-opentelemetry also installs its SDK as GlobalOpenTelemetry, but the extension must not depend on
    // that: dev mode resets the global on each restart, and an agent or another library may own it
    GlobalOpenTelemetry.resetForTest();
    given().header("traceparent", TRACEPARENT).when().get("/realtime/token")
        .then().statusCode(200).body("value", startsWith("ek_"));

    // Quarkus's own server span has the same name; ours is the library's instrumentation scope
    SpanData call = span(s -> "io.realtimesecrets".equals(s.getInstrumentationScopeInfo().getName())
        && s.getKind() == SpanKind.INTERNAL);
    assertEquals(TRACE_ID, call.getTraceId(), "the caller's trace goes on");
    assertEquals("hit", call.getAttributes().get(AttributeKey.stringKey("gateway.outcome")));
    SpanData server = span(s -> s.getSpanId().equals(call.getParentSpanId()));
    assertEquals(SpanKind.SERVER, server.getKind(), "a child of Quarkus's HTTP server span: " + server);

    assertEquals(1, call.getLinks().size(), "linked to the mint of the secret it served: " + call);
    String minter = call.getLinks().get(0).getSpanContext().getSpanId();
    SpanData mint = span(s -> s.getSpanId().equals(minter));
    assertEquals("POST /realtime/client_secrets", mint.getName());
    assertEquals(SpanKind.CLIENT, mint.getKind());
    assertFalse(mint.getParentSpanContext().isValid(), "a pooled mint is a trace of its own: " + mint);
  }

  private SpanData span(Predicate<SpanData> which) {
    return await().atMost(Duration.ofSeconds(30)).alias("a span in " + spans.getFinishedSpanItems()).until(
        () -> spans.getFinishedSpanItems().stream().filter(which).findFirst(), Optional::isPresent).get();
  }

  /** The app's exporter: quarkus-opentelemetry sends spans to every {@code SpanExporter} bean. */
  @ApplicationScoped
  static class InMemorySpanExporterProducer {
    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
      return InMemorySpanExporter.create();
    }
  }
}
