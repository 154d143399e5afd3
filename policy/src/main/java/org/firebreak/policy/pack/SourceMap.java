package org.firebreak.policy.pack;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where each value of a YAML document starts, by JSON path ({@code $.rules[3].when} -> line 42), so that errors
 * found after binding (a CEL type error, a duplicate id) can name the line. Jackson's tree keeps no locations;
 * SnakeYAML's node graph does.
 */
public final class SourceMap {
  private final Map<String, Integer> lines;
  private final Map<String, Integer> contentLines;

  private SourceMap(Map<String, Integer> lines, Map<String, Integer> contentLines) {
    this.lines = Map.copyOf(lines);
    this.contentLines = Map.copyOf(contentLines);
  }

  /** Maps a YAML text; a text SnakeYAML cannot compose maps to nothing (the YAML parser reports it). */
  public static SourceMap of(String yaml) {
    Map<String, Integer> lines = new HashMap<>();
    Map<String, Integer> contentLines = new HashMap<>();
    try {
      Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
      if (root != null) {
        walk(root, "$", lines, contentLines);
      }
    } catch (RuntimeException e) {
      // Unparseable YAML: the binder's error carries the line instead.
    }
    return new SourceMap(lines, contentLines);
  }

  private static void walk(Node node, String path, Map<String, Integer> lines, Map<String, Integer> contentLines) {
    lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
    if (node instanceof ScalarNode s) {
      DumperOptions.ScalarStyle style = s.getScalarStyle();
      // A block scalar's text starts on the line after its | or > indicator.
      boolean block = style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED;
      contentLines.put(path, node.getStartMark().getLine() + 1 + (block ? 1 : 0));
    } else if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          String child = path + "." + k.getValue();
          lines.put(child, t.getKeyNode().getStartMark().getLine() + 1);
          walk(t.getValueNode(), child, lines, contentLines);
        }
      }
    } else if (node instanceof SequenceNode seq) {
      List<Node> items = seq.getValue();
      for (int i = 0; i < items.size(); i++) {
        walk(items.get(i), path + "[" + i + "]", lines, contentLines);
      }
    }
  }

  /** The line of the value at {@code path}, or of its nearest ancestor that exists; 0 when nothing is known. */
  public int lineOf(String path) {
    for (String p = path; !p.isEmpty(); p = parent(p)) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
    }
    return 0;
  }

  /**
   * The line of line {@code lineInScalar} (1-based) of the scalar text at {@code path}, for errors inside a CEL
   * condition. Folded scalars join lines, so this is exact for literal (|) and single-line scalars only.
   */
  public int lineInScalar(String path, int lineInScalar) {
    Integer start = contentLines.get(path);
    return start == null ? lineOf(path) : start + Math.max(0, lineInScalar - 1);
  }

  private static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut <= 0 ? (path.equals("$") ? "" : "$") : path.substring(0, cut);
  }
}
