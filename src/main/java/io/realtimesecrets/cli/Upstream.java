package io.realtimesecrets.cli;

import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.mock.MockUpstream;
import java.util.Map;

/**
 * The one rule {@code mint} and {@code serve} share for where mints go: the key and base URL from the flags,
 * else from {@code OPENAI_API_KEY} / {@code OPENAI_BASE_URL}; with neither a key nor a base URL, the embedded
 * mock upstream.
 */
final class Upstream {

  /** The key the commands send to their own embedded mock (which accepts any key). */
  static final String MOCK_API_KEY = "sk-embedded-mock";

  private Upstream() {
  }

  /**
   * Client options from the environment, overridden by the flags.
   *
   * @param env the environment
   * @param baseUrlFlag {@code --base-url}, or {@code null}
   * @param apiKeyFlag {@code --api-key}, or {@code null}
   * @return the options
   * @throws IllegalArgumentException when the base URL is malformed, naming {@code --base-url} or
   *     {@code OPENAI_BASE_URL}
   */
  static RealtimeSecretsClientOptions clientOptions(Map<String, String> env, String baseUrlFlag, String apiKeyFlag) {
    Map<String, String> usedEnv = env;
    if (baseUrlFlag != null && env.containsKey("OPENAI_BASE_URL")) {
      usedEnv = new java.util.HashMap<>(env);
      usedEnv.remove("OPENAI_BASE_URL"); // the flag wins, so a bad variable it overrides does not matter
    }
    RealtimeSecretsClientOptions options;
    try {
      options = RealtimeSecretsClientOptions.fromEnv(usedEnv);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("OPENAI_BASE_URL " + usedEnv.get("OPENAI_BASE_URL") + ": " + rule(e), e);
    }
    if (apiKeyFlag != null) {
      options.setApiKey(apiKeyFlag);
    }
    if (baseUrlFlag != null) {
      try {
        options.setBaseUrl(baseUrlFlag);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--base-url " + baseUrlFlag + ": " + rule(e), e);
      }
    }
    return options;
  }

  /** The options' rule without its field name and echoed value ("baseUrl: must be ..., got X"). */
  private static String rule(IllegalArgumentException e) {
    return String.valueOf(e.getMessage()).replaceFirst("^\\w+: ", "").replaceFirst(", got .*$", "")
        .replaceFirst(": \\S+$", "");
  }

  /**
   * Whether the command should mint against the embedded mock: no key and no base URL were given.
   *
   * @param env the environment
   * @param baseUrlFlag {@code --base-url}, or {@code null}
   * @param options the options from {@link #clientOptions}
   * @return true for the embedded mock
   */
  static boolean wantsEmbeddedMock(Map<String, String> env, String baseUrlFlag, RealtimeSecretsClientOptions options) {
    String envBaseUrl = env.get("OPENAI_BASE_URL");
    return options.getApiKey() == null && baseUrlFlag == null && (envBaseUrl == null || envBaseUrl.isBlank());
  }

  /**
   * Points the options at a started embedded mock.
   *
   * @param options the client options to change
   * @param mock the started mock
   */
  static void useEmbeddedMock(RealtimeSecretsClientOptions options, MockUpstream mock) {
    options.setBaseUrl(mock.baseUrl()).setApiKey(MOCK_API_KEY);
  }
}
