package io.realtimesecrets.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps the Java in the docs identical to compiled, tested code.
 *
 * <p>The convention: a Java block in Markdown names its snippet in the fence's info string,
 * <pre>
 * ```java snippet=pool-take
 * ...
 * ```
 * </pre>
 * and a Java source file of a test (or of an example application) holds the same lines between
 * {@code // snippet:pool-take} and {@code // end:pool-take}. The region is compared after removing its common
 * indentation and trailing blanks; marker lines of other regions inside it are left out, so regions may nest.
 * A Java block without {@code snippet=}, a snippet without a region, a region that differs, and a region name
 * used twice are each a problem.
 *
 * <p>A block in any other language may instead name a whole file, {@code ```json file=src/test/resources/x.json},
 * relative to the repository root: it must equal that file, which a test reads (see {@link #checkFiles}).
 */
final class SnippetCheck {

  private static final Pattern FENCE_OPEN = Pattern.compile("^(\\s*)```(\\S*)(.*)$");
  private static final Pattern SNIPPET_ATTR = Pattern.compile("(?:^|\\s)snippet=([A-Za-z0-9._-]+)(?:\\s|$)");
  private static final Pattern FILE_ATTR = Pattern.compile("(?:^|\\s)file=(\\S+)(?:\\s|$)");
  private static final Pattern REGION_START = Pattern.compile("^\\s*// snippet:([A-Za-z0-9._-]+)\\s*$");
  private static final Pattern REGION_END = Pattern.compile("^\\s*// end:([A-Za-z0-9._-]+)\\s*$");

  /** A Java block of a Markdown file. */
  record Snippet(Path file, int line, String name, List<String> lines) {
    String where() {
      return file + ":" + line;
    }
  }

  /** A tagged region of a Java source file. */
  record Region(Path file, int line, String name, List<String> lines) {
    String where() {
      return file + ":" + line;
    }
  }

  private SnippetCheck() {
  }

  /**
   * Checks every Java block of {@code docs} against the regions of {@code sources}.
   *
   * @param docs Markdown files
   * @param sources Java source files
   * @return one line per problem, empty when all agree
   */
  static List<String> check(List<Path> docs, List<Path> sources) {
    List<String> problems = new ArrayList<>();
    Map<String, Region> regions = new LinkedHashMap<>();
    for (Path source : sources) {
      for (Region r : regions(source, problems)) {
        Region earlier = regions.putIfAbsent(r.name(), r);
        if (earlier != null) {
          problems.add(r.where() + ": region '" + r.name() + "' is also defined at " + earlier.where());
        }
      }
    }
    for (Path doc : docs) {
      for (Snippet s : javaBlocks(doc)) {
        if (s.name() == null) {
          problems.add(s.where() + ": java block without snippet=NAME (every Java block must come from a tagged"
              + " region '// snippet:NAME' ... '// end:NAME' of a compiled test)");
          continue;
        }
        Region r = regions.get(s.name());
        if (r == null) {
          problems.add(s.where() + ": snippet '" + s.name() + "' has no region '// snippet:" + s.name()
              + "' in the test sources");
        } else if (!normalize(r.lines()).equals(normalize(s.lines()))) {
          problems.add(s.where() + ": snippet '" + s.name() + "' differs from its source at " + r.where()
              + firstDifference(normalize(r.lines()), normalize(s.lines())));
        }
      }
    }
    return problems;
  }

  /**
   * Checks every block marked {@code file=PATH} against the file it names.
   *
   * @param root the repository root the paths are relative to
   * @param docs Markdown files
   * @return one line per problem
   */
  static List<String> checkFiles(Path root, List<Path> docs) {
    List<String> problems = new ArrayList<>();
    for (Path doc : docs) {
      for (FileBlock block : fileBlocks(doc)) {
        Path file = root.resolve(block.file()).normalize();
        if (!Files.isRegularFile(file)) {
          problems.add(doc + ":" + block.line() + ": file=" + block.file() + " does not exist");
        } else if (!normalize(read(file)).equals(normalize(block.lines()))) {
          problems.add(doc + ":" + block.line() + ": block differs from " + block.file()
              + firstDifference(normalize(read(file)), normalize(block.lines())));
        }
      }
    }
    return problems;
  }

  /** A fenced block that names the file it shows. */
  record FileBlock(int line, String file, List<String> lines) {
  }

  static List<FileBlock> fileBlocks(Path doc) {
    List<String> lines = read(doc);
    List<FileBlock> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE_OPEN.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int close = i + 1;
      while (close < lines.size() && !lines.get(close).trim().equals("```")) {
        close++;
      }
      Matcher attr = FILE_ATTR.matcher(open.group(3));
      if (attr.find()) {
        String indent = open.group(1);
        List<String> body = new ArrayList<>();
        for (String l : lines.subList(i + 1, Math.min(close, lines.size()))) {
          body.add(l.startsWith(indent) ? l.substring(indent.length()) : l);
        }
        found.add(new FileBlock(i + 1, attr.group(1), body));
      }
      i = close;
    }
    return found;
  }

  /**
   * Rewrites each named Java block of {@code docs} with its region from {@code sources}: the
   * {@code -Dsnippets.write=true} mode of {@code DocsTest}, after a change to the tested code.
   *
   * @param docs Markdown files
   * @param sources Java source files
   */
  static void write(List<Path> docs, List<Path> sources) {
    Map<String, Region> regions = new LinkedHashMap<>();
    sources.forEach(s -> regions(s, new ArrayList<>()).forEach(r -> regions.putIfAbsent(r.name(), r)));
    for (Path doc : docs) {
      List<String> lines = new ArrayList<>(read(doc));
      List<Snippet> blocks = javaBlocks(doc);
      for (int b = blocks.size() - 1; b >= 0; b--) { // from the end, so earlier line numbers stay valid
        Snippet s = blocks.get(b);
        Region r = s.name() == null ? null : regions.get(s.name());
        if (r == null) {
          continue;
        }
        String indent = lines.get(s.line() - 1).replaceFirst("```.*", "");
        List<String> body = normalize(r.lines()).stream().map(l -> l.isEmpty() ? l : indent + l)
            .collect(Collectors.toList());
        List<String> old = lines.subList(s.line(), s.line() + s.lines().size());
        old.clear();
        old.addAll(body);
      }
      try {
        Files.write(doc, lines, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The Java blocks of a Markdown file, named or not.
   *
   * @param doc a Markdown file
   * @return the blocks in file order
   */
  static List<Snippet> javaBlocks(Path doc) {
    List<String> lines = read(doc);
    List<Snippet> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE_OPEN.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      String indent = open.group(1);
      int close = i + 1;
      while (close < lines.size() && !lines.get(close).trim().equals("```")) {
        close++;
      }
      if (open.group(2).equals("java")) {
        Matcher attr = SNIPPET_ATTR.matcher(open.group(3));
        List<String> body = new ArrayList<>();
        for (String l : lines.subList(i + 1, Math.min(close, lines.size()))) {
          body.add(l.startsWith(indent) ? l.substring(indent.length()) : l);
        }
        found.add(new Snippet(doc, i + 1, attr.find() ? attr.group(1) : null, body));
      }
      i = close;
    }
    return found;
  }

  /**
   * The tagged regions of a Java source file.
   *
   * @param source a Java file
   * @param problems where unclosed or unopened regions are reported
   * @return the regions, in the order they end
   */
  static List<Region> regions(Path source, List<String> problems) {
    List<String> lines = read(source);
    Map<String, Integer> open = new LinkedHashMap<>();
    List<Region> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher start = REGION_START.matcher(lines.get(i));
      Matcher end = REGION_END.matcher(lines.get(i));
      if (start.matches()) {
        if (open.putIfAbsent(start.group(1), i) != null) {
          problems.add(source + ":" + (i + 1) + ": region '" + start.group(1) + "' opened twice");
        }
      } else if (end.matches()) {
        Integer from = open.remove(end.group(1));
        if (from == null) {
          problems.add(source + ":" + (i + 1) + ": '// end:" + end.group(1) + "' without '// snippet:"
              + end.group(1) + "'");
          continue;
        }
        List<String> body = lines.subList(from + 1, i).stream()
            .filter(l -> !REGION_START.matcher(l).matches() && !REGION_END.matcher(l).matches())
            .collect(Collectors.toList());
        found.add(new Region(source, from + 1, end.group(1), body));
      }
    }
    open.forEach((name, line) -> problems.add(source + ":" + (line + 1) + ": region '" + name
        + "' is never closed with '// end:" + name + "'"));
    return found;
  }

  /**
   * Every file under {@code root} whose name ends with {@code suffix}, skipping build output.
   *
   * @param root a directory (missing: none)
   * @param suffix e.g. {@code ".java"}
   * @return the files, sorted
   */
  static List<Path> files(Path root, String suffix) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(suffix))
          .filter(p -> !isBuildOutput(root.relativize(p)))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isBuildOutput(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith("target") || part.toString().equals("node_modules")) {
        return true;
      }
    }
    return false;
  }

  /** Common indentation removed, trailing blanks and blank edge lines dropped. */
  static List<String> normalize(List<String> lines) {
    List<String> stripped = lines.stream().map(String::stripTrailing).collect(Collectors.toList());
    while (!stripped.isEmpty() && stripped.get(0).isEmpty()) {
      stripped.remove(0);
    }
    while (!stripped.isEmpty() && stripped.get(stripped.size() - 1).isEmpty()) {
      stripped.remove(stripped.size() - 1);
    }
    int indent = stripped.stream().filter(l -> !l.isEmpty())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return stripped.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).collect(Collectors.toList());
  }

  private static String firstDifference(List<String> source, List<String> doc) {
    for (int i = 0; i < Math.max(source.size(), doc.size()); i++) {
      String s = i < source.size() ? source.get(i) : "(end)";
      String d = i < doc.size() ? doc.get(i) : "(end)";
      if (!s.equals(d)) {
        return "; line " + (i + 1) + " of the snippet:\n  source: " + s + "\n  doc:    " + d;
      }
    }
    return "";
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
