package io.realtimesecrets.cli;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve --otlp-endpoint URL}: the OpenTelemetry SDK, set up by its autoconfiguration and installed as
 * the global instance that the gateway's and the client's spans go to, exporting traces as OTLP over
 * http/protobuf. The standard {@code OTEL_*} variables and {@code otel.*} properties apply (service name,
 * headers, sampler, batch delays...); the flag's endpoint wins over them. Metrics and logs are not exported
 * ({@code /metrics} and stderr have them).
 *
 * <p>Only this class names the SDK; it is loaded only when export is asked for.
 */
final class OtlpExport {

  private static volatile OpenTelemetrySdk sdk;

  private OtlpExport() {
  }

  /**
   * Starts exporting.
   *
   * @param endpoint the collector's OTLP/HTTP base URL (traces go to {@code endpoint/v1/traces}), or
   *     {@code null} to take it from {@code OTEL_EXPORTER_OTLP_ENDPOINT}
   */
  static synchronized void start(String endpoint) {
    if (sdk != null) {
      return;
    }
    sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> Map.of(
            "otel.service.name", "realtime-secrets",
            "otel.traces.exporter", "otlp",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none",
            "otel.exporter.otlp.protocol", "http/protobuf"))
        .addPropertiesCustomizer(config -> {
          Map<String, String> overrides = new HashMap<>();
          if (endpoint != null) {
            overrides.put("otel.exporter.otlp.endpoint", endpoint);
            overrides.put("otel.exporter.otlp.traces.endpoint", endpoint.replaceAll("/+$", "") + "/v1/traces");
          }
          return overrides;
        })
        // serve shuts it down after the drain, so that the spans of calls drained on SIGTERM are exported too
        .disableShutdownHook()
        .setResultAsGlobal()
        .build()
        .getOpenTelemetrySdk();
  }

  /**
   * No export: the global instance is the no-op one. Said once, so that the API does not look for the SDK's
   * autoconfiguration (and log that it found it disabled) at the first {@code /token} call.
   */
  static void off() {
    io.opentelemetry.api.GlobalOpenTelemetry.set(io.opentelemetry.api.OpenTelemetry.noop());
  }

  /** Exports the spans still buffered and stops; waits at most 10 s. */
  static synchronized void stop() {
    OpenTelemetrySdk s = sdk;
    if (s != null) {
      s.shutdown().join(10, TimeUnit.SECONDS);
      sdk = null;
    }
  }
}
