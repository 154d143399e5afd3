package org.firebreak.detect.importer;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.detect.Jurisdictions;

/** Any CSV file, read by a {@link ColumnMapping}. */
public final class MappedCsvImporter implements Importer {
  private final ColumnMapping mapping;

  public MappedCsvImporter(ColumnMapping mapping) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
  }

  @Override
  public void read(Path file, String label, ImportSink sink) {
    RowReader.Context fromFile = Custodians.ofFile(file, mapping.sharedAccess());
    RowReader.Context context = new RowReader.Context(mapping.custodian().or(fromFile::custodian),
        mapping.custodianJurisdiction().or(() -> mapping.custodian().flatMap(Jurisdictions::ofOrganization))
            .or(fromFile::custodianJurisdiction),
        mapping.sharedAccess());
    CsvRows.read(file, label, header -> {
      Map<Field, Integer> columns = new EnumMap<>(Field.class);
      mapping.columns().forEach((field, name) -> {
        int i = header.indexOf(name);
        if (i < 0) {
          throw new InvalidInputException(label, "line 1", "column '" + name + "' (mapped to " + field.wire()
              + ") is not in the header", null);
        }
        columns.put(field, i);
      });
      RowReader reader = new RowReader(label, header, columns, context);
      return (cells, line, row) -> reader.read(cells, line, row, sink);
    }, sink);
  }
}
