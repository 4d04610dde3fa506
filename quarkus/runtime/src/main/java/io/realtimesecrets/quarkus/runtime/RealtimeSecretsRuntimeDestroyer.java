package io.realtimesecrets.quarkus.runtime;

import io.quarkus.arc.BeanDestroyer;
import io.quarkus.arc.SyntheticCreationalContext;
import jakarta.enterprise.context.spi.CreationalContext;
import java.util.Map;

/** Closes the extension's objects when the app stops (gateway, pools, client, mock, in that order). */
public class RealtimeSecretsRuntimeDestroyer implements BeanDestroyer<RealtimeSecretsRuntime> {

  @Override
  public void destroy(RealtimeSecretsRuntime runtime, CreationalContext<RealtimeSecretsRuntime> creationalContext,
      Map<String, Object> params) {
    runtime.close();
  }
}
