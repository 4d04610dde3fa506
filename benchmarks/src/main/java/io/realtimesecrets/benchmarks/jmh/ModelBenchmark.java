package io.realtimesecrets.benchmarks.jmh;

import io.realtimesecrets.model.ClientSecret;
import io.realtimesecrets.model.ClientSecretRequest;
import io.realtimesecrets.model.ModelJson;
import io.realtimesecrets.model.RequestValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON encode/decode of the full GA request (every field set) and of a full GA response, and the validation
 * path a request takes before it is sent: the per-mint CPU the library adds on top of HTTP.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ModelBenchmark {

  String requestJson;
  byte[] responseBytes;
  ClientSecretRequest fullRequest;
  ClientSecretRequest minimalRequest;
  ClientSecretRequest badRequest;
  ClientSecret response;

  @Setup
  public void setUp() throws IOException {
    requestJson = read("/fixtures/client-secrets-realtime-full.json");
    responseBytes = read("/fixtures/client-secret-response.json").getBytes(StandardCharsets.UTF_8);
    fullRequest = ClientSecretRequest.fromJson(requestJson);
    minimalRequest = ClientSecretRequest.minimal();
    badRequest = ClientSecretRequest.fromJson(
        "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":5},\"session\":{\"type\":\"realtime\"}}");
    response = ModelJson.decode(responseBytes, ClientSecret.class);
  }

  private static String read(String name) throws IOException {
    try (InputStream in = ModelBenchmark.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  public ClientSecretRequest decodeFullRequest() {
    return ClientSecretRequest.fromJson(requestJson);
  }

  @Benchmark
  public String encodeFullRequest() {
    return fullRequest.toJson();
  }

  @Benchmark
  public ClientSecret decodeFullResponse() {
    return ModelJson.decode(responseBytes, ClientSecret.class);
  }

  @Benchmark
  public String encodeFullResponse() {
    return response.toJson();
  }

  @Benchmark
  public ClientSecretRequest validateFullRequest() {
    fullRequest.validate();
    return fullRequest;
  }

  @Benchmark
  public ClientSecretRequest validateMinimalRequest() {
    minimalRequest.validate();
    return minimalRequest;
  }

  @Benchmark
  public Object validateRejectsBadRequest() {
    try {
      badRequest.validate();
      throw new IllegalStateException("a 5 s expires_after must be rejected");
    } catch (RequestValidationException e) {
      return e;
    }
  }
}
