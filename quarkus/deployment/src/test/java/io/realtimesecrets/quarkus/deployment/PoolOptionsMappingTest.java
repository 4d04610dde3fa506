package io.realtimesecrets.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimesecrets.pool.SecretPoolOptions;
import io.realtimesecrets.quarkus.runtime.PoolOptionsMapping;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every SecretPoolOptions value is configurable as quarkus.realtime-secrets.pools.<name>.<option>. */
class PoolOptionsMappingTest {

  /** Types a property can hold; options of other types (shared objects) are wired in code, not config. */
  static final Set<Class<?>> PROPERTY_TYPES = Set.of(int.class, long.class, double.class, boolean.class,
      Duration.class, String.class);

  @Test
  void everyPoolOptionHasAConfigProperty() {
    List<String> options = Arrays.stream(SecretPoolOptions.class.getMethods())
        .filter(m -> m.getName().startsWith("set") && m.getParameterCount() == 1
            && PROPERTY_TYPES.contains(m.getParameterTypes()[0]))
        .map(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4))
        .distinct().sorted().collect(Collectors.toList());

    // fails when the library gains a pool option: add a method of that name to RealtimeSecretsConfig.Pool
    assertEquals(options, PoolOptionsMapping.mappedOptions(),
        "SecretPoolOptions setters vs the methods of RealtimeSecretsConfig.Pool");
  }
}
