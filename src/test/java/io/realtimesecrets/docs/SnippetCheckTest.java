package io.realtimesecrets.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet checker itself, on small files: it must catch every way a doc can drift from its source. */
class SnippetCheckTest {

  @TempDir
  Path dir;

  private static final String SOURCE = String.join("\n",
      "class Example {",
      "  void run() {",
      "    // snippet:greet",
      "    String who = \"world\";",
      "    // snippet:print",
      "    System.out.println(\"hello \" + who);",
      "    // end:print",
      "    // end:greet",
      "  }",
      "}",
      "");

  private static final String DOC = String.join("\n",
      "# Title",
      "",
      "```java snippet=greet",
      "String who = \"world\";",
      "System.out.println(\"hello \" + who);",
      "```",
      "",
      "- in a list:",
      "  ```java snippet=print",
      "  System.out.println(\"hello \" + who);",
      "  ```",
      "",
      "```bash",
      "echo not java",
      "```",
      "");

  private List<String> check(String doc, String source) throws IOException {
    Path md = Files.writeString(dir.resolve("doc.md"), doc);
    Path java = Files.writeString(dir.resolve("Example.java"), source);
    return SnippetCheck.check(List.of(md), List.of(java));
  }

  @Test
  void passesWhenEverySnippetEqualsItsRegionIgnoringIndentationAndNestedMarkers() throws IOException {
    assertEquals(List.of(), check(DOC, SOURCE));
  }

  @Test
  void failsWhenASnippetIsEditedWithoutItsSource() throws IOException {
    List<String> problems = check(DOC.replace("\"world\"", "\"there\""), SOURCE);
    assertEquals(1, problems.size(), problems.toString());
    String p = problems.get(0);
    assertTrue(p.contains("doc.md:3: snippet 'greet' differs from its source at "), p);
    assertTrue(p.contains("Example.java:3"), p);
    assertTrue(p.contains("source: String who = \"world\";") && p.contains("doc:    String who = \"there\";"), p);
  }

  @Test
  void failsWhenTheSourceChangesUnderTheSnippet() throws IOException {
    List<String> problems = check(DOC, SOURCE.replace("\"hello \"", "\"hi \""));
    assertEquals(2, problems.size(), problems.toString()); // both regions contain the line
  }

  @Test
  void failsWhenASnippetLosesALine() throws IOException {
    List<String> problems = check(DOC.replace("System.out.println(\"hello \" + who);\n```\n\n-", "```\n\n-"), SOURCE);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("doc:    (end)"), problems.get(0));
  }

  @Test
  void failsOnAnUntaggedJavaBlock() throws IOException {
    List<String> problems = check(DOC + "```java\nint x = 1;\n```\n", SOURCE);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(dir.resolve("doc.md") + ":16: java block without snippet=NAME"),
        problems.get(0));
  }

  @Test
  void failsOnASnippetWithoutARegion() throws IOException {
    List<String> problems = check(DOC.replace("snippet=print", "snippet=prnt"), SOURCE);
    assertEquals(List.of(dir.resolve("doc.md") + ":9: snippet 'prnt' has no region '// snippet:prnt' in the test sources"),
        problems);
  }

  @Test
  void failsOnAnUnclosedRegionAndOnARegionNameUsedTwice() throws IOException {
    Path md = Files.writeString(dir.resolve("doc.md"), "no code\n");
    Path a = Files.writeString(dir.resolve("A.java"), "// snippet:x\nint a;\n// end:x\n// snippet:open\n");
    Path b = Files.writeString(dir.resolve("B.java"), "// snippet:x\nint b;\n// end:x\n// end:stray\n");
    List<String> problems = SnippetCheck.check(List.of(md), List.of(a, b));
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("region 'open' is never closed")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("'// end:stray' without")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("region 'x' is also defined at " + a + ":1")),
        problems.toString());
  }

  @Test
  void writeCopiesEachRegionIntoItsSnippetKeepingTheListIndentation() throws IOException {
    Path md = Files.writeString(dir.resolve("doc.md"), DOC.replace("\"world\"", "\"there\"")
        .replace("  System.out.println(\"hello \" + who);\n  ```", "  old();\n  older();\n  ```"));
    Path java = Files.writeString(dir.resolve("Example.java"), SOURCE);
    SnippetCheck.write(List.of(md), List.of(java));
    assertEquals(DOC, Files.readString(md));
    assertEquals(List.of(), SnippetCheck.check(List.of(md), List.of(java)));
  }

  @Test
  void aBlockNamingAFileMustEqualThatFile() throws IOException {
    Files.writeString(dir.resolve("conf.json"), "{\n  \"a\": 1\n}\n");
    Path md = Files.writeString(dir.resolve("doc.md"), "```json file=conf.json\n{\n  \"a\": 1\n}\n```\n");
    assertEquals(List.of(), SnippetCheck.checkFiles(dir, List.of(md)));
    Files.writeString(md, "```json file=conf.json\n{\n  \"a\": 2\n}\n```\n");
    List<String> problems = SnippetCheck.checkFiles(dir, List.of(md));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("doc.md:1: block differs from conf.json"), problems.get(0));
    Files.writeString(md, "```json file=gone.json\n{}\n```\n");
    assertEquals(List.of(md + ":1: file=gone.json does not exist"), SnippetCheck.checkFiles(dir, List.of(md)));
  }
}
