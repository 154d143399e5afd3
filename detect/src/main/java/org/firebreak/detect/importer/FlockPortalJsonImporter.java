package org.firebreak.detect.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.UnreadableFileException;

/**
 * A Flock transparency-portal search audit as scraped per agency: {@code {portal, schema_seen, row_count,
 * rows:[{id, userId, searchDate, networkCount, reason | offenseType, caseNumber, first_seen}]}}. The fields of a row
 * vary between agencies and over time; each row is read by its own field names (as a CSV header would be). The
 * custodian is {@code portal} (else the file's name). A row that is not an object is reported and skipped; JSON
 * that breaks off is reported at its line, and the rows before it are kept.
 */
public final class FlockPortalJsonImporter implements Importer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Row(JsonNode node, long line) {
  }

  @Override
  public void read(Path file, String label, ImportSink sink) {
    String portal = null;
    List<Row> rows = new ArrayList<>();
    boolean sawRows = false;
    try (JsonParser p = JSON.createParser(Files.newInputStream(file))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidInputException(label, "$", "not a Flock portal export: expected a JSON object with 'rows'",
            null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("portal") && value == JsonToken.VALUE_STRING) {
          portal = p.getText();
        } else if (field.equals("rows") && value == JsonToken.START_ARRAY) {
          sawRows = true;
          readRows(p, rows);
        } else {
          p.skipChildren();
        }
      }
    } catch (StreamReadException e) {
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      sink.problem(new Problem(label, line, "JSON breaks off: " + CsvRows.firstLine(e.getOriginalMessage())
          + (rows.isEmpty() ? "" : "; the " + rows.size() + " rows before it are kept")));
    } catch (IOException e) {
      throw new UnreadableFileException(label, e);
    }
    if (!sawRows && rows.isEmpty()) {
      throw new InvalidInputException(label, "$.rows", "not a Flock portal export: no 'rows' array", null);
    }
    RowReader.Context context = portal == null || portal.isBlank() ? Custodians.ofFile(file, false)
        : Custodians.of(portal, file, false);
    long number = 0;
    for (Row r : rows) {
      number++;
      if (!r.node().isObject()) {
        sink.problem(new Problem(label, r.line(), "row " + number + " is not a JSON object; skipped"));
        continue;
      }
      List<String> header = new ArrayList<>();
      List<String> cells = new ArrayList<>();
      for (Map.Entry<String, JsonNode> f : r.node().properties()) {
        header.add(f.getKey());
        JsonNode v = f.getValue();
        cells.add(v.isValueNode() && !v.isNull() ? v.asText() : v.isNull() ? "" : v.toString());
      }
      new RowReader(label, header, RowReader.byVendorNames(header), context).read(cells, r.line(), number, sink);
    }
  }

  private static void readRows(JsonParser p, List<Row> rows) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new com.fasterxml.jackson.core.JsonParseException(p, "the rows array is not closed");
      }
      long line = Math.max(1, p.currentTokenLocation().getLineNr());
      JsonNode node = p.readValueAsTree();
      rows.add(new Row(node == null ? JSON.nullNode() : node, line));
    }
  }
}
