package org.firebreak.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.List;

/** One CSV file per table: a header, the rows, then the totals rows; cells spelled as in the HTML. */
final class Csv {
  private static final CsvMapper CSV = new CsvMapper();

  private Csv() {}

  static String of(Table t) {
    List<List<String>> lines = new ArrayList<>();
    List<String> header = new ArrayList<>(t.labelColumns());
    header.addAll(t.valueColumns());
    lines.add(header);
    for (List<Table.Row> rows : List.of(t.rows(), t.totals())) {
      for (Table.Row r : rows) {
        List<String> line = new ArrayList<>(r.labels());
        r.values().forEach(v -> line.add(v.text()));
        lines.add(line);
      }
    }
    try {
      return CSV.writer(CsvSchema.emptySchema().withLineSeparator("\n")).writeValueAsString(lines);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings always write as CSV", e);
    }
  }
}
