package io.realtimesecrets.model.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Syntax errors in a file a user wrote, in words, with line and column, and never quoting the file. */
class JsonSyntaxTest {

  @Test
  void aWellFormedObjectHasNoProblem() {
    assertNull(JsonSyntax.objectProblem("{\"a\": [1, {\"b\": null}]}\n"));
  }

  @Test
  void describesEachKindOfMistakeWithItsPlace() {
    assertEquals("line 1, column 8: unexpected end of JSON", JsonSyntax.objectProblem("{\"a\": 1"));
    assertEquals("line 2, column 1: unexpected character '}', expected a field name in double quotes",
        JsonSyntax.objectProblem("{\"a\": 1,\n}"));
    assertEquals("line 1, column 9: unexpected character '\"', expected ',' or a closing bracket",
        JsonSyntax.objectProblem("{\"a\": 1 \"b\": 2}"));
    assertEquals("line 1, column 1: expected a JSON object ('{'), found an array", JsonSyntax.objectProblem("[]"));
    assertEquals("line 1, column 10: unexpected text after the end of the JSON object",
        JsonSyntax.objectProblem("{\"a\": 1} {}"));
    assertEquals("is empty, expected a JSON object", JsonSyntax.objectProblem("  \n"));
  }

  @Test
  void neverQuotesTheDocumentWhichMayHoldAKey() {
    String problem = JsonSyntax.objectProblem("{\"apiKey\": sk-proj-abcdef0123456789}");
    assertEquals("line 1, column 12: unexpected word, expected a value (a string needs double quotes)", problem);
  }
}
