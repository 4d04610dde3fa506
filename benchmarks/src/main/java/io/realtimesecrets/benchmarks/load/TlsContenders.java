package io.realtimesecrets.benchmarks.load;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.models.realtime.RealtimeSessionCreateRequest;
import com.openai.models.realtime.clientsecrets.ClientSecretCreateParams;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.model.ClientSecretRequest;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The contenders of the TLS matrix, each trusting the mock's self-signed certificate and otherwise as a user
 * would run them: this library's client with its default options, openai-java with its defaults, and
 * openai-java with a caller-owned OkHttp client whose dispatcher and pool are sized to the concurrency.
 * Neither side is told which protocol to speak: ALPN decides (the mock offers h2, or HTTP/1.1 only).
 */
final class TlsContenders {

  private TlsContenders() {
  }

  /** Trust in one certificate, as JSSE wants it for OkHttp. */
  record Trust(SSLContext context, X509TrustManager manager) {

    static Trust of(String pem) throws Exception {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      Certificate cert = cf.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setCertificateEntry("mock", cert);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
      return new Trust(ctx, tm);
    }
  }

  /** {@code direct}: {@code RealtimeSecretsClient} with default options (only base URL, key and trust set). */
  static final class Direct implements Contender {
    private final String baseUrl;
    private final PemTrustOptions trust;
    private final ClientSecretRequest request = Workload.request();
    private Vertx vertx;
    private RealtimeSecretsClient client;

    Direct(String baseUrl, PemTrustOptions trust) {
      this.baseUrl = baseUrl;
      this.trust = trust;
    }

    @Override
    public String name() {
      return "direct";
    }

    @Override
    public void open() {
      vertx = Vertx.vertx();
      client = RealtimeSecretsClient.create(vertx, new RealtimeSecretsClientOptions().setBaseUrl(baseUrl)
          .setApiKey(Workload.API_KEY).setTrustOptions(trust));
    }

    @Override
    public void start(Consumer<Throwable> done) {
      client.createClientSecret(request).onComplete(ar -> done.accept(ar.failed() ? ar.cause()
          : ar.result().secretValue() == null ? new IllegalStateException("no secret value") : null));
    }

    @Override
    public Map<String, Object> details() {
      return Map.of("settings", "default options (baseUrl, apiKey, trustOptions only)");
    }

    @Override
    public void close() throws Exception {
      Workload.await(client.close(), 30);
      Workload.await(vertx.close(), 30);
    }
  }

  /** {@code openai-java} and {@code openai-java-tuned}, over TLS. */
  static final class OpenAiJava implements Contender {
    private final String baseUrl;
    private final Trust trust;
    private final boolean tuned;
    private final int concurrency;
    private final ClientSecretCreateParams params = ClientSecretCreateParams.builder()
        .session(RealtimeSessionCreateRequest.builder().model("gpt-realtime").build())
        .build();
    private OpenAIClientAsync client;
    private OkHttpClient callerOwned;

    OpenAiJava(String baseUrl, Trust trust, boolean tuned, int concurrency) {
      this.baseUrl = baseUrl;
      this.trust = trust;
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
            .sslSocketFactory(trust.context().getSocketFactory(), trust.manager())
            .build();
        b.okHttpClient(callerOwned);
      } else {
        b.sslSocketFactory(trust.context().getSocketFactory()).trustManager(trust.manager());
      }
      client = b.build();
    }

    @Override
    public void start(Consumer<Throwable> done) {
      client.realtime().clientSecrets().create(params).whenComplete((r, e) -> done.accept(e != null ? e
          : r.value() == null || r.value().isEmpty() ? new IllegalStateException("no secret value") : null));
    }

    @Override
    public Map<String, Object> details() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("version", OpenAIClientAsync.class.getPackage().getImplementationVersion());
      d.put("settings", tuned ? "okHttpClient(Dispatcher maxRequests = maxRequestsPerHost = " + concurrency
          + ", ConnectionPool(" + concurrency + ", 5 min), sslSocketFactory)" : "defaults + sslSocketFactory/trustManager");
      return d;
    }

    @Override
    public void close() {
      client.close();
      if (callerOwned != null) {
        callerOwned.dispatcher().executorService().shutdown();
        callerOwned.connectionPool().evictAll();
      }
    }
  }
}
