package io.realtimesecrets.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimesecrets.gateway.impl.ErrorResponse;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every error type the gateway can answer is in the errors table of docs/gateway.md, and nothing else is. */
class GatewayErrorsDocumentedTest {

  static final Pattern ROW = Pattern.compile("(?m)^\\| (\\d{3}) \\| `([a-z_]+)` \\|");

  static Set<String> typesInTable(String doc) throws Exception {
    Set<String> types = new TreeSet<>();
    Matcher m = ROW.matcher(Files.readString(DocsTest.ROOT.resolve(doc), StandardCharsets.UTF_8));
    while (m.find()) {
      types.add(m.group(2));
    }
    return types;
  }

  static Set<String> typesInCode() throws Exception {
    Set<String> types = new TreeSet<>();
    for (Field f : ErrorResponse.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        types.add((String) f.get(null));
      }
    }
    return types;
  }

  @Test
  void theGatewayDocListsExactlyTheErrorTypesTheGatewayAnswers() throws Exception {
    Set<String> code = typesInCode();
    assertTrue(code.size() >= 8, code.toString());
    assertEquals(code, typesInTable("docs/gateway.md"), "the errors table of docs/gateway.md vs ErrorResponse");
  }

  @Test
  void theOperationsDocExplainsOnlyRealErrorTypes() throws Exception {
    Set<String> documented = typesInTable("docs/operations.md");
    assertTrue(documented.contains("upstream_error") && documented.contains("unavailable"), documented.toString());
    assertTrue(typesInCode().containsAll(documented), documented + " vs " + typesInCode());
  }
}
