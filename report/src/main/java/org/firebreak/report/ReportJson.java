package org.firebreak.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** report.json: the report as data, and the comparison that names the first published value that differs. */
final class ReportJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ReportJson() {}

  static ObjectNode of(TransparencyReport r) {
    ObjectNode o = F.objectNode();
    o.put("format", TransparencyReport.FORMAT);
    // The label alone would do for the verifier; kind and days spare a reader the calendar arithmetic.
    ObjectNode period = o.putObject("period");
    period.put("label", r.period().label());
    period.put("kind", r.period().kind().noun());
    period.put("firstDay", r.period().firstDay().toString());
    period.put("lastDay", r.period().lastDay().toString());
    ObjectNode p = o.putObject("parameters");
    p.put("suppressionThreshold", r.suppressionThreshold());
    p.put("trendPeriods", r.trendPeriods());
    ObjectNode log = o.putObject("log");
    log.put("origin", r.origin());
    log.put("treeSize", r.bundle().treeSize());
    log.put("rootHash", r.rootHash());
    log.put("checkpoint", r.bundle().checkpointNote());
    log.put("verifierKey", r.bundle().verifierKey());
    log.put("firstEntry", r.bundle().first());
    log.put("endEntry", r.bundle().end());
    ArrayNode ctx = log.putArray("contextEntries");
    r.contextEntries().forEach(ctx::add);
    ArrayNode tables = o.putArray("tables");
    for (Table t : r.tables()) {
      ObjectNode to = tables.addObject();
      to.put("id", t.id());
      to.put("title", t.title());
      to.put("notes", t.notes());
      ArrayNode lc = to.putArray("labelColumns");
      t.labelColumns().forEach(lc::add);
      ArrayNode vc = to.putArray("valueColumns");
      t.valueColumns().forEach(vc::add);
      to.set("rows", rows(t.rows()));
      to.set("totals", rows(t.totals()));
    }
    return o;
  }

  private static ArrayNode rows(List<Table.Row> rows) {
    ArrayNode a = F.arrayNode();
    for (Table.Row row : rows) {
      ObjectNode ro = a.addObject();
      ArrayNode l = ro.putArray("labels");
      row.labels().forEach(l::add);
      ArrayNode v = ro.putArray("values");
      row.values().forEach(x -> v.add(value(x)));
    }
    return a;
  }

  static JsonNode value(Value v) {
    return switch (v) {
      case Value.Count c -> F.numberNode(c.value());
      case Value.Percent p -> F.numberNode(p.value());
      case Value.Suppressed s -> F.textNode(Value.SUPPRESSED);
      case Value.NotApplicable n -> F.textNode(Value.NOT_APPLICABLE);
    };
  }

  /**
   * The first place where {@code published} differs from {@code recomputed}, in words: a table cell is named by its
   * table, row and column; anything else by its JSON path.
   */
  static Optional<String> firstDifference(JsonNode published, JsonNode recomputed) {
    return diff("$", published, recomputed, recomputed);
  }

  private static Optional<String> diff(String path, JsonNode a, JsonNode b, JsonNode root) {
    if (a == null || b == null) {
      return a == b ? Optional.empty() : Optional.of(describe(path, root) + ": "
          + (a == null ? "missing in report.json" : "not expected in report.json"));
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0 ? Optional.empty()
          : Optional.of(describe(path, root) + ": report.json says " + a.asText() + ", the bundle gives "
              + b.asText());
    }
    if (a.getNodeType() != b.getNodeType()) {
      return Optional.of(describe(path, root) + ": report.json says " + a + ", the bundle gives " + b);
    }
    if (a.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        Optional<String> d = diff(path + "." + f.getKey(), a.get(f.getKey()), f.getValue(), root);
        if (d.isPresent()) {
          return d;
        }
      }
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!b.has(name)) {
          return Optional.of(describe(path + "." + name, root) + ": not expected in report.json");
        }
      }
      return Optional.empty();
    }
    if (a.isArray()) {
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        Optional<String> d = diff(path + "[" + i + "]", a.get(i), b.get(i), root);
        if (d.isPresent()) {
          return d;
        }
      }
      return Optional.empty();
    }
    return a.equals(b) ? Optional.empty()
        : Optional.of(describe(path, root) + ": report.json says " + a + ", the bundle gives " + b);
  }

  /** "table requests-by-decision, row DENY, column requests (report.json $.tables[1].rows[1].values[0])". */
  private static String describe(String path, JsonNode root) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("^\\$\\.tables\\[(\\d+)](?:\\.(rows|totals)\\[(\\d+)](?:\\.values\\[(\\d+)])?)?.*").matcher(path);
    if (!m.matches()) {
      return "report.json " + path;
    }
    JsonNode t = root.path("tables").path(Integer.parseInt(m.group(1)));
    StringBuilder sb = new StringBuilder("table " + t.path("id").asText());
    if (m.group(2) != null) {
      JsonNode row = t.path(m.group(2)).path(Integer.parseInt(m.group(3)));
      List<String> labels = new java.util.ArrayList<>();
      row.path("labels").forEach(l -> labels.add(l.asText()));
      sb.append(m.group(2).equals("totals") ? ", totals row " : ", row ").append(String.join(" / ", labels));
      if (m.group(4) != null) {
        sb.append(", column ").append(t.path("valueColumns").path(Integer.parseInt(m.group(4))).asText());
      }
    }
    return sb.append(" (report.json ").append(path).append(")").toString();
  }
}
