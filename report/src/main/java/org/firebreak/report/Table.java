package org.firebreak.report;

import java.util.List;
import java.util.Objects;

/**
 * One published table: label columns (what a row is), value columns (what is counted), the rows, and the totals
 * (one per group of rows that suppression treats together; one for the whole table in most tables). Every number in
 * it has been through {@link Suppression}.
 *
 * @param id a stable name, also the CSV file's name
 * <p>The notes say what one count is (a request, a source decision, ...).
 */
public record Table(String id, String title, String notes, List<String> labelColumns, List<String> valueColumns,
    List<Row> rows, List<Row> totals) {

  public Table {
    requireText(id, "id");
    requireText(title, "title");
    Objects.requireNonNull(notes, "notes");
    labelColumns = List.copyOf(labelColumns);
    valueColumns = List.copyOf(valueColumns);
    rows = List.copyOf(rows);
    totals = List.copyOf(totals);
    if (!id.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("table id must be lower-case words joined by '-': " + id);
    }
    for (List<Row> list : List.of(rows, totals)) {
      for (Row r : list) {
        if (r.labels().size() != labelColumns.size() || r.values().size() != valueColumns.size()) {
          throw new IllegalArgumentException("table " + id + ": row " + r.labels() + " does not fit the columns");
        }
      }
    }
  }

  /** One row: its labels and its values, in column order. */
  public record Row(List<String> labels, List<Value> values) {
    public Row {
      labels = List.copyOf(labels);
      values = List.copyOf(values);
    }
  }

  /** The value of column {@code column} in the first row whose labels are {@code labels}. */
  public java.util.Optional<Value> value(List<String> labels, String column) {
    int c = valueColumns.indexOf(column);
    if (c < 0) {
      throw new IllegalArgumentException("table " + id + " has no column " + column);
    }
    return rows.stream().filter(r -> r.labels().equals(labels)).findFirst().map(r -> r.values().get(c));
  }

  private static void requireText(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
  }
}
