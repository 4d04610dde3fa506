package io.realtimesecrets.quarkus.runtime;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.realtimesecrets.pool.SecretPoolOptions;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns {@code quarkus.realtime-secrets.pools.<name>.*} into {@link SecretPoolOptions} by name: each method of
 * {@link RealtimeSecretsConfig.Pool} (other than {@code request}) is the option of the same name, passed through
 * the options' JSON form. So a new pool option needs one method in that interface and nothing here.
 */
public final class PoolOptionsMapping {

  /** Methods of the pool's config group that are not {@code SecretPoolOptions} fields. */
  static final Set<String> NOT_OPTIONS = Set.of("request");

  private PoolOptionsMapping() {
  }

  /**
   * The option names the config group maps, in camel case as {@link SecretPoolOptions#toJson()} names them.
   *
   * @return the names, sorted
   */
  public static List<String> mappedOptions() {
    return optionMethods().stream().map(Method::getName).sorted().collect(Collectors.toList());
  }

  /**
   * The pool options of one pool.
   *
   * @param poolName the pool's name (for messages)
   * @param config the pool's config, or {@code null} when none of its properties is set
   * @return the options, checked with {@link SecretPoolOptions#validate()}
   * @throws ConfigurationException naming the property whose value is unusable
   */
  public static SecretPoolOptions options(String poolName, RealtimeSecretsConfig.Pool config) {
    JsonObject json = new JsonObject();
    if (config != null) {
      for (Method m : optionMethods()) {
        Object value = valueOf(m, config);
        if (value != null) {
          json.put(m.getName(), value);
        }
      }
    }
    SecretPoolOptions options;
    try {
      options = new SecretPoolOptions(json);
    } catch (IllegalArgumentException e) {
      // the library names the field as "pool option 'minIdle': ..."; point at the property instead
      String field = json.fieldNames().stream().filter(f -> e.getMessage().contains("'" + f + "'")).findFirst()
          .orElse(null);
      String property = field == null ? poolProperty(poolName) : poolProperty(poolName) + "." + kebab(field);
      throw new ConfigurationException(property + ": " + e.getMessage(), Set.of(property));
    }
    try {
      options.validate();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(poolProperty(poolName) + ": " + kebabNames(e.getMessage()),
          Set.of(poolProperty(poolName)));
    }
    return options;
  }

  /**
   * The config prefix of a pool.
   *
   * @param poolName the pool's name
   * @return {@code quarkus.realtime-secrets.pools.<name>} (the name quoted when it contains a dot)
   */
  public static String poolProperty(String poolName) {
    String key = poolName.contains(".") ? "\"" + poolName + "\"" : poolName;
    return "quarkus.realtime-secrets.pools." + key;
  }

  /**
   * {@code minRemainingLife} as {@code min-remaining-life}.
   *
   * @param camel a camel-case name
   * @return its kebab-case form
   */
  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static String kebabNames(String message) {
    String result = message;
    for (String name : mappedOptions()) {
      result = result.replaceAll("\\b" + name + "\\b", kebab(name));
    }
    return result;
  }

  private static List<Method> optionMethods() {
    return Arrays.stream(RealtimeSecretsConfig.Pool.class.getMethods())
        .filter(m -> m.getParameterCount() == 0 && !m.isDefault() && !NOT_OPTIONS.contains(m.getName()))
        .sorted(Comparator.comparing(Method::getName))
        .collect(Collectors.toList());
  }

  private static Object valueOf(Method m, RealtimeSecretsConfig.Pool config) {
    Object raw;
    try {
      raw = m.invoke(config);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read pool config " + m.getName(), e);
    }
    if (raw instanceof OptionalInt i) {
      return i.isPresent() ? i.getAsInt() : null;
    }
    if (raw instanceof OptionalDouble d) {
      return d.isPresent() ? d.getAsDouble() : null;
    }
    if (raw instanceof Optional<?> o) {
      raw = o.orElse(null);
    }
    // SecretPoolOptions' JSON form takes durations in milliseconds
    return raw instanceof Duration d ? d.toMillis() : raw;
  }
}
