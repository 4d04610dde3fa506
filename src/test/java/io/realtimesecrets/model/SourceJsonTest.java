package io.realtimesecrets.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceJsonTest {

  static final String UPSTREAM = "{\n  \"value\": \"ek_68af0123456789abcdef0123456789ab\",\n  \"expires_at\": 1756310470,\n"
      + "  \"session\": {\"type\": \"realtime\", \"object\": \"realtime.session\", \"id\": \"sess_1\","
      + " \"model\": \"gpt-realtime\", \"brand_new_field\": {\"x\": [1, 2]}}\n}";

  @Test
  void aDecodedResponseHandsOnTheUpstreamsExactText() {
    ClientSecret secret = ModelJson.decode(UPSTREAM.getBytes(StandardCharsets.UTF_8), ClientSecret.class);
    assertEquals(UPSTREAM, secret.toJson(), "byte for byte: whitespace, order and unknown fields as sent");
  }

  @Test
  void aBuiltObjectIsEncodedByTheMapper() {
    ClientSecretRequest built = ClientSecretRequest.minimal();
    assertTrue(built.toJson().startsWith("{\"session\""), built.toJson());
    assertEquals(built, ClientSecretRequest.fromJson(built.toJson()));
  }
}
