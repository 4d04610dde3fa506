package io.realtimesecrets.quarkus.runtime;

import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.annotations.Recorder;
import io.realtimesecrets.client.MutinyRealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.pool.SecretPool;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Creates the extension's beans when the app starts; the build steps decide which exist. */
@Recorder
public class RealtimeSecretsRecorder {

  /** The type of quarkus-opentelemetry's bean, which the extension traces through when the app has it. */
  public static final String OPEN_TELEMETRY = "io.opentelemetry.api.OpenTelemetry";

  /**
   * Creates the {@link RealtimeSecretsRuntime} bean.
   *
   * @param poolNames every pool name, in order
   * @param endpoints the endpoint of each, in the same order
   * @param perUser the per-user names
   * @param devServices whether Dev Services start the mock
   * @param openTelemetry whether the app has quarkus-opentelemetry (its {@code OpenTelemetry} bean is then
   *     injected)
   * @return the creator
   */
  public Function<SyntheticCreationalContext<RealtimeSecretsRuntime>, RealtimeSecretsRuntime> runtime(
      List<String> poolNames, List<String> endpoints, List<String> perUser, boolean devServices,
      boolean openTelemetry) {
    return ctx -> {
      Map<String, String> byName = new LinkedHashMap<>();
      for (int i = 0; i < poolNames.size(); i++) {
        byName.put(poolNames.get(i), endpoints.get(i));
      }
      return new RealtimeSecretsRuntime(ctx.getInjectedReference(Vertx.class),
          ctx.getInjectedReference(RealtimeSecretsConfig.class), byName, new HashSet<>(perUser), devServices,
          openTelemetry ? ctx.getInjectedReference(openTelemetryType()) : null);
    };
  }

  // by name: the OpenTelemetry API is on the class path only when the app has quarkus-opentelemetry
  private static Class<?> openTelemetryType() {
    try {
      return Class.forName(OPEN_TELEMETRY, false, RealtimeSecretsRecorder.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("quarkus-opentelemetry is present but " + OPEN_TELEMETRY + " is not", e);
    }
  }

  /**
   * Creates the client bean.
   *
   * @return the creator
   */
  public Function<SyntheticCreationalContext<RealtimeSecretsClient>, RealtimeSecretsClient> client() {
    return ctx -> ctx.getInjectedReference(RealtimeSecretsRuntime.class).client();
  }

  /**
   * Creates the Mutiny client bean.
   *
   * @return the creator
   */
  public Function<SyntheticCreationalContext<MutinyRealtimeSecretsClient>, MutinyRealtimeSecretsClient> mutinyClient() {
    return ctx -> ctx.getInjectedReference(RealtimeSecretsRuntime.class).mutinyClient();
  }

  /**
   * Creates the Dev Services mock bean.
   *
   * @return the creator
   */
  public Function<SyntheticCreationalContext<MockUpstream>, MockUpstream> mock() {
    return ctx -> ctx.getInjectedReference(RealtimeSecretsRuntime.class).mock();
  }

  /**
   * Creates one pool's bean.
   *
   * @param name the pool's name
   * @return the creator
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Function<SyntheticCreationalContext<SecretPool>, SecretPool> pool(String name) {
    return ctx -> (SecretPool) ctx.getInjectedReference(RealtimeSecretsRuntime.class).pool(name);
  }

  /**
   * Creates the gateway bean.
   *
   * @return the creator
   */
  public Function<SyntheticCreationalContext<RealtimeSecretsGateway>, RealtimeSecretsGateway> gateway() {
    return ctx -> {
      RealtimeSecretsRuntime runtime = ctx.getInjectedReference(RealtimeSecretsRuntime.class);
      RealtimeSecretsGateway gateway = new RealtimeSecretsGateway(runtime,
          ctx.getInjectedReference(RealtimeSecretsConfig.class).gateway());
      runtime.attachGateway(gateway);
      return gateway;
    };
  }
}
