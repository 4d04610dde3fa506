package io.realtimesecrets.benchmarks.load;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.models.realtime.RealtimeSessionCreateRequest;
import com.openai.models.realtime.clientsecrets.ClientSecretCreateParams;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * {@code openai-java}: the official SDK's async client ({@code com.openai:openai-java}) against the same mock,
 * with its defaults, or tuned: an OkHttp client whose dispatcher admits {@code concurrency} calls (default 64)
 * and whose connection pool keeps {@code concurrency} idle connections (default 5).
 */
final class OpenAiJavaContender implements Contender {

  private final String baseUrl;
  private final boolean tuned;
  private final int concurrency;
  private final ClientSecretCreateParams params = ClientSecretCreateParams.builder()
      .session(RealtimeSessionCreateRequest.builder().model("gpt-realtime").build())
      .build();
  private OpenAIClientAsync client;
  private OkHttpClient callerOwned;

  OpenAiJavaContender(String baseUrl, boolean tuned, int concurrency) {
    this.baseUrl = baseUrl;
    this.tuned = tuned;
    this.concurrency = concurrency;
  }

  @Override
  public String name() {
    return tuned ? "openai-java-tuned" : "openai-java";
  }

  @Override
  public void open() {
    OpenAIOkHttpClientAsync.Builder b = OpenAIOkHttpClientAsync.builder().apiKey(Workload.API_KEY).baseUrl(baseUrl);
    if (tuned) {
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(concurrency);
      dispatcher.setMaxRequestsPerHost(concurrency);
      callerOwned = new OkHttpClient.Builder()
          .dispatcher(dispatcher)
          .connectionPool(new ConnectionPool(concurrency, 5, TimeUnit.MINUTES))
          .build();
      b.okHttpClient(callerOwned);
    }
    client = b.build();
  }

  @Override
  public void start(Consumer<Throwable> done) {
    client.realtime().clientSecrets().create(params).whenComplete((r, e) -> {
      if (e != null) {
        done.accept(e);
      } else if (r.value() == null || r.value().isEmpty()) {
        done.accept(new IllegalStateException("no secret value"));
      } else {
        done.accept(null);
      }
    });
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("version", OpenAIClientAsync.class.getPackage().getImplementationVersion());
    d.put("settings", tuned
        ? "okHttpClient(Dispatcher maxRequests = maxRequestsPerHost = " + concurrency + ", ConnectionPool("
            + concurrency + ", 5 min)); everything else default"
        : "defaults (apiKey and baseUrl only)");
    return d;
  }

  @Override
  public void close() {
    client.close();
    if (callerOwned != null) {
      // a caller-owned OkHttpClient is not closed by the SDK
      callerOwned.dispatcher().executorService().shutdown();
      callerOwned.connectionPool().evictAll();
    }
  }
}
