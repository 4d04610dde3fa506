package io.realtimesecrets.model.impl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Describes a syntax error in a JSON document the way a person fixing the file wants to read it:
 * {@code line 1, column 48: unexpected end of JSON}. Used for files and bodies a user wrote (profiles files,
 * {@code mint --body}), where Jackson's own message would show its internals ({@code Source: REDACTED},
 * token names) and, for a body, could quote part of it.
 */
public final class JsonSyntax {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonSyntax() {
  }

  /**
   * Checks that {@code text} is one well-formed JSON object.
   *
   * @param text the document
   * @return {@code null} when it is; otherwise where and what is wrong, e.g.
   *     {@code line 3, column 1: unexpected end of JSON} or {@code is empty, expected a JSON object}
   */
  public static String objectProblem(String text) {
    if (text == null || text.isBlank()) {
      return "is empty, expected a JSON object";
    }
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return at(parser.currentTokenLocation()) + "expected a JSON object ('{'), found " + describe(first);
      }
      parser.skipChildren();
      JsonToken after = parser.nextToken();
      if (after != null) {
        return at(parser.currentTokenLocation()) + "unexpected text after the end of the JSON object";
      }
      return null;
    } catch (StreamReadException e) {
      return at(e.getLocation()) + what(e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String source cannot fail to read
    }
  }

  private static String at(JsonLocation location) {
    return location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }

  // Jackson's original messages, reduced to what went wrong without quoting the document (it may hold a key).
  private static String what(String jackson) {
    String m = jackson == null ? "" : jackson;
    if (m.contains("end-of-input")) {
      return "unexpected end of JSON";
    }
    if (m.startsWith("Unexpected character")) {
      int open = m.indexOf("('");
      int close = open < 0 ? -1 : m.indexOf("'", open + 2);
      String ch = open >= 0 && close == open + 3 ? " '" + m.charAt(open + 2) + "'" : "";
      if (m.contains("was expecting double-quote to start field name")) {
        return "unexpected character" + ch + ", expected a field name in double quotes";
      }
      if (m.contains("was expecting comma")) {
        return "unexpected character" + ch + ", expected ',' or a closing bracket";
      }
      if (m.contains("was expecting a colon")) {
        return "unexpected character" + ch + ", expected ':'";
      }
      return "unexpected character" + ch;
    }
    if (m.startsWith("Unrecognized token")) {
      return "unexpected word, expected a value (a string needs double quotes)";
    }
    if (m.contains("Illegal unquoted character") || m.contains("Illegal control character")) {
      return "control character (such as a line break) inside a string";
    }
    if (m.contains("Unexpected close marker")) {
      return "unexpected closing bracket";
    }
    return "not valid JSON";
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    switch (token) {
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return "'" + token.asString() + "'";
    }
  }
}
