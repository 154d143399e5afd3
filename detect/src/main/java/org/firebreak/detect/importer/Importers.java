package org.firebreak.detect.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.firebreak.core.error.FirebreakException;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.UnreadableFileException;

/**
 * Reads a file or a directory (every regular file in it, by name, not descending) in a format, or in the format each
 * file shows ({@link Format#AUTO}). In a directory a file that cannot be read at all is reported and the others are
 * read; a single file that cannot be read is an error.
 */
public final class Importers {
  private Importers() {
  }

  /**
   * @param mapping required for {@link Format#CSV}, ignored otherwise
   * @return the number of files read
   */
  public static int read(Path input, Format format, Optional<ColumnMapping> mapping, ImportSink sink) {
    if (format == Format.CSV && mapping.isEmpty()) {
      throw new InvalidInputException("--mapping", "--format csv", "a CSV needs a column mapping file (--mapping)",
          null);
    }
    if (format == Format.FIREBREAK) {
      // A data directory is one input (its database), not a directory of log files.
      new FirebreakImporter().read(input, input.toString(), sink);
      return 1;
    }
    if (Files.isDirectory(input)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(input)) {
        files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
            .sorted().toList();
      } catch (IOException e) {
        throw new UnreadableFileException(input.toString(), e);
      }
      int read = 0;
      for (Path f : files) {
        String label = f.toString();
        try {
          Optional<Importer> importer = importer(f, label, format, mapping);
          if (importer.isEmpty()) {
            sink.problem(new Problem(label, 0, "skipped: not a .csv or .json file"));
            continue;
          }
          importer.get().read(f, label, sink);
          read++;
        } catch (FirebreakException e) {
          sink.problem(new Problem(label, 0, "skipped: " + e.getMessage()));
        }
      }
      return read;
    }
    if (!Files.isRegularFile(input)) {
      throw new UnreadableFileException(input.toString(), new java.nio.file.NoSuchFileException(input.toString()));
    }
    String label = input.toString();
    importer(input, label, format, mapping).orElseThrow(() -> new InvalidInputException(label, "--format auto",
        "cannot tell the format from the name: use --format", null)).read(input, label, sink);
    return 1;
  }

  /** The importer for one file; empty when AUTO cannot tell by the extension. */
  static Optional<Importer> importer(Path file, String label, Format format, Optional<ColumnMapping> mapping) {
    return switch (format) {
      case FLOCK_PORTAL -> Optional.of(isJson(file) ? new FlockPortalJsonImporter()
          : new FlockCsvImporter(Format.FLOCK_PORTAL));
      case FLOCK_NETWORK, FLOCK_ORG -> Optional.of(new FlockCsvImporter(format));
      case CSV -> Optional.of(new MappedCsvImporter(mapping.orElseThrow()));
      case FIREBREAK -> Optional.of(new FirebreakImporter());
      case AUTO -> detect(file, label).map(f -> importer(file, label, f, mapping).orElseThrow());
    };
  }

  /**
   * The format of a file: {@code .json} is a portal export; a {@code .csv} is told by its header (an organisation
   * column: network audit when the file's name says "network", else organization audit; a search date with a reason
   * or offence type and a network or camera count: portal export). Any other extension: empty.
   *
   * @throws InvalidInputException for a CSV whose header is none of these
   */
  public static Optional<Format> detect(Path file, String label) {
    if (isJson(file)) {
      return Optional.of(Format.FLOCK_PORTAL);
    }
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return Optional.empty();
    }
    List<String> header = CsvRows.header(file).orElseThrow(() -> new InvalidInputException(label, "line 1",
        "no header row", null));
    return Optional.of(FlockCsvImporter.recognise(header, file.getFileName().toString()).orElseThrow(
        () -> new InvalidInputException(label, "line 1", "not a known Flock export (header "
            + RowReader.clip(String.join(",", header)) + "): use --format csv --mapping FILE", null)));
  }

  private static boolean isJson(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }
}
