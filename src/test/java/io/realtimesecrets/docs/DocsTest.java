package io.realtimesecrets.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README.md and docs/ as a newcomer meets them: short, opening with the commands CI runs, every Java
 * snippet taken from a tested region (see {@link SnippetCheck}), every relative link alive.
 */
class DocsTest {

  static final Path ROOT = Path.of("").toAbsolutePath();
  static final Path README = ROOT.resolve("README.md");

  static List<Path> userDocs() {
    List<Path> docs = new ArrayList<>();
    docs.add(README);
    docs.addAll(SnippetCheck.files(ROOT.resolve("docs"), ".md"));
    return docs;
  }

  static List<Path> snippetSources() {
    List<Path> sources = new ArrayList<>(SnippetCheck.files(ROOT.resolve("src/test/java"), ".java"));
    sources.addAll(SnippetCheck.files(ROOT.resolve("src/main/java"), ".java"));
    sources.addAll(SnippetCheck.files(ROOT.resolve("examples"), ".java"));
    return sources;
  }

  @Test
  void everyJavaSnippetInTheReadmeAndDocsIsATaggedRegionOfATestedSource() {
    if (Boolean.getBoolean("snippets.write")) {
      SnippetCheck.write(userDocs(), snippetSources());
    }
    List<String> problems = new ArrayList<>(SnippetCheck.check(userDocs(), snippetSources()));
    problems.addAll(SnippetCheck.checkFiles(ROOT, userDocs()));
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void theDocsHaveSnippetsToCheck() {
    // guards the check above against passing because it found nothing (a moved docs/ folder, say)
    long named = userDocs().stream().flatMap(d -> SnippetCheck.javaBlocks(d).stream()).count();
    assertTrue(named >= 5, "java blocks found: " + named);
  }

  @Test
  void theReadmeIsAtMost300LinesAndItsFirst40HoldTheCommandsCiRuns() throws IOException {
    List<String> readme = Files.readAllLines(README, StandardCharsets.UTF_8);
    assertTrue(readme.size() <= 300, "README.md has " + readme.size() + " lines");
    String ci = Files.readString(ROOT.resolve(".ci/run"), StandardCharsets.UTF_8);
    String firstScreen = String.join("\n", readme.subList(0, Math.min(40, readme.size())));

    String testCommand = "mvn -B verify";
    assertTrue(ci.lines().anyMatch(l -> l.trim().equals(testCommand)), ".ci/run no longer runs " + testCommand);
    assertTrue(firstScreen.lines().anyMatch(l -> l.trim().equals(testCommand)), "README's first 40 lines lack "
        + testCommand);

    Matcher serve = Pattern.compile("'(mvn [^']*serve)'").matcher(ci);
    assertTrue(serve.find(), ".ci/run's quick start step changed shape");
    assertTrue(firstScreen.lines().anyMatch(l -> l.trim().equals(serve.group(1))),
        "README's first 40 lines lack the quick start .ci/run runs: " + serve.group(1));

    Matcher curl = Pattern.compile("curl -fsS (http://\\S+/token)").matcher(ci);
    assertTrue(curl.find(), ".ci/run's curl changed shape");
    assertTrue(firstScreen.contains("curl -s " + curl.group(1)), "README's first 40 lines lack the curl of "
        + curl.group(1));
  }

  @Test
  void userDocsHaveNoInternalReferences() throws IOException {
    Pattern internal = Pattern.compile("(?i)\\bissue\\s*#?\\d+|\\bTODO\\b|/work/");
    List<String> found = new ArrayList<>();
    for (Path doc : userDocs()) {
      List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (internal.matcher(lines.get(i)).find()) {
          found.add(ROOT.relativize(doc) + ":" + (i + 1) + ": " + lines.get(i).trim());
        }
      }
    }
    assertEquals(List.of(), found, String.join("\n", found));
  }

  @Test
  void everyDocOpensWithWhatItIsFor() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path doc : SnippetCheck.files(ROOT.resolve("docs"), ".md")) {
      List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
      if (lines.size() < 3 || !lines.get(0).startsWith("# ") || !lines.get(2).startsWith("What this is for: ")) {
        missing.add(ROOT.relativize(doc).toString());
      }
    }
    assertEquals(List.of(), missing, "docs that do not open with '# Title', a blank line, 'What this is for: ...'");
  }

  @Test
  void everyRelativeLinkInTheDocsResolvesToAFileAndHeading() throws IOException {
    Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    List<String> broken = new ArrayList<>();
    for (Path doc : userDocs()) {
      String text = withoutCodeBlocks(Files.readString(doc, StandardCharsets.UTF_8));
      Matcher m = link.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue; // http(s), mailto
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(ROOT.relativize(doc) + ": " + target + " (no such file)");
        } else if (hash >= 0 && resolved.toString().endsWith(".md")
            && !anchors(resolved).contains(target.substring(hash + 1))) {
          broken.add(ROOT.relativize(doc) + ": " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken, String.join("\n", broken));
  }

  private static String withoutCodeBlocks(String markdown) {
    return markdown.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  static Set<String> anchors(Path doc) throws IOException {
    Set<String> anchors = new HashSet<>();
    String text = Files.readString(doc, StandardCharsets.UTF_8).replaceAll("(?s)```.*?```", "");
    for (String line : text.lines()
        .collect(Collectors.toList())) {
      if (line.startsWith("#")) {
        String heading = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
        anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }
}
