package io.realtimesecrets.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The unknown-field check against the API's contract. The bodies in {@code src/test/resources/contract}
 * were written from the OpenAPI spec (see the README there): for each endpoint they set every documented
 * request property, and each branch of each union (session type, turn detection, tool, audio format,
 * tracing, tool choice, truncation, ...) appears in at least one of them. A body's endpoint is the part of
 * its file name before the first dot ({@link Endpoint#cliName()}).
 *
 * <p>No documented field may be flagged, so the model knows the whole documented request surface. Then an
 * extra field is put into each JSON object of each body, lists included, and must be flagged at exactly
 * its path, so the check reaches every documented object.
 */
class SpecFieldCoverageTest {

  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final String EXTRA = "zz_not_a_field";
  /** Free-form maps by design (JSON Schema, trace metadata, prompt variables, HTTP headers): any member goes. */
  private static final Set<String> FREE_FORM = Set.of("parameters", "metadata", "variables", "headers");
  /**
   * MCP filters the model keeps as plain JSON ({@link McpTool#allowedTools()},
   * {@link McpTool#requireApproval()}), so their members are not checked yet, although the spec closes
   * them ({@code additionalProperties: false}).
   */
  private static final Set<String> KEPT_AS_JSON = Set.of("allowed_tools", "require_approval");

  static Stream<String> contractBodies() {
    try (Stream<Path> files = Files.list(contractDirectory())) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .sorted().collect(Collectors.toList());
      return names.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyEndpointHasContractBodies() {
    Set<Endpoint> covered = EnumSet.noneOf(Endpoint.class);
    contractBodies().forEach(name -> covered.add(endpoint(name)));
    assertEquals(EnumSet.allOf(Endpoint.class), covered);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contractBodies")
  void everyDocumentedFieldIsKnownAndTheBodyIsValid(String name) {
    SecretRequest<?> request = SecretRequests.fromJson(endpoint(name), read(name));
    assertEquals(List.of(), SecretRequests.unknownFields(request), name);
    request.validate();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contractBodies")
  void anExtraFieldInEachDocumentedObjectIsFlaggedAtItsPath(String name) {
    Endpoint endpoint = endpoint(name);
    JsonNode body = tree(read(name));
    List<String> objects = new ArrayList<>();
    collectObjects(body, "", objects);
    assertFalse(objects.isEmpty(), name);
    for (String path : objects) {
      ObjectNode copy = body.deepCopy();
      ((ObjectNode) at(copy, path)).put(EXTRA, 1);
      String extra = path.isEmpty() ? EXTRA : path + "." + EXTRA;
      SecretRequest<?> request;
      try {
        request = SecretRequests.fromJson(endpoint, copy.toString());
      } catch (RequestValidationException e) {
        // a custom voice {"id": ...} is a value, not an extensible object: any other member fails the parse
        assertTrue(path.endsWith(".voice"), name + ": " + extra + " refused while parsing: " + e.getMessage());
        assertEquals(path, e.field(), name);
        continue;
      }
      List<String> flagged = SecretRequests.unknownFields(request).stream().map(UnknownField::path)
          .collect(Collectors.toList());
      assertEquals(List.of(extra), flagged, name + ": extra field at " + extra);
    }
  }

  /** Paths of the JSON objects the model must check, outside free-form maps, depth first. */
  private static void collectObjects(JsonNode node, String path, List<String> out) {
    if (node.isObject()) {
      out.add(path);
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (FREE_FORM.contains(field.getKey()) || KEPT_AS_JSON.contains(field.getKey())) {
          continue;
        }
        collectObjects(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectObjects(node.get(i), path + "[" + i + "]", out);
      }
    }
  }

  /** The node at a path such as {@code session.tools[1].allowed_callers}. */
  private static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    if (path.isEmpty()) {
      return n;
    }
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      n = n.get(bracket < 0 ? part : part.substring(0, bracket));
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        n = n.get(Integer.parseInt(part.substring(bracket + 1, close)));
        bracket = part.indexOf('[', close);
      }
    }
    return n;
  }

  private static Endpoint endpoint(String fileName) {
    return Endpoint.fromCliName(fileName.substring(0, fileName.indexOf('.')));
  }

  private static Path contractDirectory() {
    URL url = SpecFieldCoverageTest.class.getResource("/contract");
    assertNotNull(url, "contract bodies on the test class path");
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(String name) {
    try {
      return Files.readString(contractDirectory().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return PLAIN.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
