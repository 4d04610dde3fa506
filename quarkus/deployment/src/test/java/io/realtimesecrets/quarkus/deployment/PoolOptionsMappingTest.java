package io.realtimesecrets.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimesecrets.pool.SecretPoolOptions;
import io.realtimesecrets.quarkus.runtime.PoolOptionsMapping;
import java.util.List;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every SecretPoolOptions field is configurable as quarkus.realtime-secrets.pools.<name>.<field>. */
class PoolOptionsMappingTest {

  @Test
  void everyPoolOptionHasAConfigProperty() {
    // fails when the library gains a pool option: add a method of that name to RealtimeSecretsConfig.Pool
    List<String> options = Arrays.stream(SecretPoolOptions.class.getMethods())
        .filter(m -> m.getName().startsWith("set") && m.getParameterCount() == 1 && m.getName().length() > 3)
        .map(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4))
        .distinct().sorted().collect(Collectors.toList());

    assertEquals(options, PoolOptionsMapping.mappedOptions());
  }
}
