package io.realtimesecrets.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimesecrets.client.RealtimeSecretsClientOptions;
import io.realtimesecrets.pool.SecretPoolOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every option the pool and the client accept in JSON has a row in its doc's options table. */
class OptionsDocumentedTest {

  static List<String> undocumented(Iterable<String> jsonFields, String doc) throws Exception {
    String text = Files.readString(DocsTest.ROOT.resolve(doc), StandardCharsets.UTF_8);
    List<String> missing = new ArrayList<>();
    for (String field : jsonFields) {
      String name = field.replaceFirst("Millis$", ""); // durations: connectTimeoutMillis is `connectTimeout`
      if (!text.contains("| `" + name + "`") && !text.contains("/ `" + name + "`")) {
        missing.add(name);
      }
    }
    return missing;
  }

  @Test
  void everyPoolOptionIsInPoolMd() throws Exception {
    SecretPoolOptions options = new SecretPoolOptions()
        .setMinRemainingLife(java.time.Duration.ofSeconds(30)).setSecretTtl(java.time.Duration.ofMinutes(10));
    assertEquals(List.of(), undocumented(options.toJson().fieldNames(), "docs/pool.md"),
        "options to add to the table in docs/pool.md");
  }

  @Test
  void everyClientOptionIsInClientMd() throws Exception {
    assertEquals(List.of(), undocumented(new RealtimeSecretsClientOptions().toJson().fieldNames(), "docs/client.md"),
        "options to add to the table in docs/client.md");
  }
}
