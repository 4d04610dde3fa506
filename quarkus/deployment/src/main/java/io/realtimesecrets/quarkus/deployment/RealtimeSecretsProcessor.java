package io.realtimesecrets.quarkus.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem.ExtendedBeanConfigurator;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;
import io.quarkus.vertx.deployment.VertxBuildItem;
import io.realtimesecrets.client.MutinyRealtimeSecretsClient;
import io.realtimesecrets.client.RealtimeSecretsClient;
import io.realtimesecrets.mock.MockUpstream;
import io.realtimesecrets.model.Endpoint;
import io.realtimesecrets.pool.SecretPool;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsBuildTimeConfig;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsConfig;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsGateway;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsGatewayRoutes;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsHealthCheck;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsLivenessCheck;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsMetricsBinder;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsRecorder;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsRuntime;
import io.realtimesecrets.quarkus.runtime.RealtimeSecretsRuntimeDestroyer;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;
import org.jboss.jandex.ParameterizedType;
import org.jboss.jandex.Type;

/** Build steps of quarkus-realtime-secrets: which beans, checks, meters and routes the app gets. */
class RealtimeSecretsProcessor {

  static final String FEATURE = "realtime-secrets";

  @BuildStep
  FeatureBuildItem feature() {
    return new FeatureBuildItem(FEATURE);
  }

  @BuildStep
  @Record(ExecutionTime.RUNTIME_INIT)
  void beans(RealtimeSecretsRecorder recorder, RealtimeSecretsBuildTimeConfig buildConfig,
      LaunchModeBuildItem launchMode, @SuppressWarnings("unused") VertxBuildItem vertx, Capabilities capabilities,
      BuildProducer<SyntheticBeanBuildItem> beans) {
    List<String> names = PoolNames.configured(ConfigProvider.getConfig(), buildConfig.pools().keySet());
    List<String> endpoints = new ArrayList<>();
    List<String> perUser = new ArrayList<>();
    for (String name : names) {
      RealtimeSecretsBuildTimeConfig.PoolKind kind = buildConfig.pools().get(name);
      endpoints.add(kind == null ? Endpoint.CLIENT_SECRETS.cliName() : kind.endpoint());
      if (kind != null && kind.perUser()) {
        perUser.add(name);
      }
    }
    boolean devServices = DevServicesDecision.startMock(launchMode.getLaunchMode(),
        buildConfig.devservices().enabled(), ConfigProvider.getConfig());

    // with quarkus-opentelemetry, mints and /token calls are spans of the app's SDK (its exporter, its resource)
    boolean openTelemetry = capabilities.isPresent(Capability.OPENTELEMETRY_TRACER);
    ExtendedBeanConfigurator runtime = SyntheticBeanBuildItem.configure(RealtimeSecretsRuntime.class)
        .scope(Singleton.class)
        .unremovable()
        .setRuntimeInit()
        // made when the app starts, so that a config error stops the start, not a first request
        .startup()
        .addInjectionPoint(ClassType.create(DotName.createSimple(Vertx.class)))
        .addInjectionPoint(ClassType.create(DotName.createSimple(RealtimeSecretsConfig.class)))
        .createWith(recorder.runtime(names, endpoints, perUser, devServices, openTelemetry))
        .destroyer(RealtimeSecretsRuntimeDestroyer.class);
    if (openTelemetry) {
      runtime.addInjectionPoint(ClassType.create(DotName.createSimple(RealtimeSecretsRecorder.OPEN_TELEMETRY)));
    }
    beans.produce(runtime.done());
    beans.produce(dependent(SyntheticBeanBuildItem.configure(RealtimeSecretsClient.class))
        .createWith(recorder.client()).done());
    beans.produce(dependent(SyntheticBeanBuildItem.configure(MutinyRealtimeSecretsClient.class))
        .createWith(recorder.mutinyClient()).done());
    if (devServices) {
      beans.produce(dependent(SyntheticBeanBuildItem.configure(MockUpstream.class)).createWith(recorder.mock())
          .done());
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (perUser.contains(name)) {
        continue;
      }
      ExtendedBeanConfigurator pool = dependent(SyntheticBeanBuildItem.configure(SecretPool.class))
          .types(ParameterizedType.create(DotName.createSimple(SecretPool.class),
              new Type[] {ClassType.create(DotName.createSimple(responseType(name, endpoints.get(i))))}, null))
          .addQualifier(AnnotationInstance.builder(Identifier.class).value(name).build())
          .createWith(recorder.pool(name));
      if (name.equals(PoolNames.DEFAULT)) {
        pool.addQualifier(Default.class);
      }
      beans.produce(pool.done());
    }
  }

  @BuildStep
  @Record(ExecutionTime.RUNTIME_INIT)
  void gateway(RealtimeSecretsRecorder recorder, RealtimeSecretsBuildTimeConfig buildConfig,
      BuildProducer<SyntheticBeanBuildItem> beans, BuildProducer<AdditionalBeanBuildItem> additional) {
    if (!buildConfig.gateway().enabled()) {
      return;
    }
    beans.produce(SyntheticBeanBuildItem.configure(RealtimeSecretsGateway.class)
        .scope(Singleton.class)
        .unremovable()
        .setRuntimeInit()
        .addInjectionPoint(ClassType.create(DotName.createSimple(RealtimeSecretsRuntime.class)))
        .addInjectionPoint(ClassType.create(DotName.createSimple(RealtimeSecretsConfig.class)))
        .createWith(recorder.gateway())
        .done());
    additional.produce(AdditionalBeanBuildItem.unremovableOf(RealtimeSecretsGatewayRoutes.class));
  }

  @BuildStep
  void health(Capabilities capabilities, RealtimeSecretsBuildTimeConfig buildConfig,
      BuildProducer<HealthBuildItem> checks) {
    if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
      boolean enabled = buildConfig.health().enabled();
      checks.produce(new HealthBuildItem(RealtimeSecretsHealthCheck.class.getName(), enabled));
      checks.produce(new HealthBuildItem(RealtimeSecretsLivenessCheck.class.getName(), enabled));
    }
  }

  @BuildStep
  void metrics(Optional<MetricsCapabilityBuildItem> metrics, RealtimeSecretsBuildTimeConfig buildConfig,
      BuildProducer<AdditionalBeanBuildItem> additional) {
    if (metrics.isPresent() && metrics.get().metricsSupported(MetricsFactory.MICROMETER)
        && buildConfig.metrics().enabled()) {
      additional.produce(AdditionalBeanBuildItem.unremovableOf(RealtimeSecretsMetricsBinder.class));
    }
  }

  /** A bean whose instance belongs to {@link RealtimeSecretsRuntime} (it closes it; the bean never does). */
  private static ExtendedBeanConfigurator dependent(ExtendedBeanConfigurator configurator) {
    return configurator.scope(Singleton.class)
        .unremovable()
        .setRuntimeInit()
        .addInjectionPoint(ClassType.create(DotName.createSimple(RealtimeSecretsRuntime.class)));
  }

  static String responseType(String pool, String endpoint) {
    Endpoint e;
    try {
      e = Endpoint.fromCliName(endpoint);
    } catch (IllegalArgumentException x) {
      throw new IllegalArgumentException("quarkus.realtime-secrets.pools." + pool + ".endpoint: " + x.getMessage());
    }
    return switch (e) {
      case CLIENT_SECRETS -> "io.realtimesecrets.model.ClientSecret";
      case TRANSLATIONS -> "io.realtimesecrets.model.TranslationClientSecret";
      case SESSIONS -> "io.realtimesecrets.model.RealtimeSession";
      case TRANSCRIPTION_SESSIONS -> "io.realtimesecrets.model.TranscriptionSession";
    };
  }
}
