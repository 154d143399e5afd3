package org.firebreak.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.UnreadableFileException;
import org.firebreak.server.client.ApiClient;
import org.firebreak.server.client.ApiException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code firebreak ingest}: sends the records of an NDJSON or CSV file to {@code POST /v1/sources/{id}/records} in
 * batches. Each batch is stored whole or not at all; a bad record stops the run with its file and line.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Ingest records into a source from an NDJSON (.ndjson, .jsonl) or CSV (.csv) file.",
        "NDJSON: one {\"id\":...,\"fields\":{...}} per line. CSV: the first row names the fields, one column is"
            + " 'id'; an empty cell is an absent field.",
        "Records replace those with the same id. Sent in batches; each batch is stored whole or not at all."})
final class IngestCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--source", required = true, paramLabel = "ID", description = "The source to ingest into.")
  String source;

  @Option(names = "--file", required = true, paramLabel = "FILE", description = "NDJSON or CSV, by extension.")
  Path file;

  @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8080",
      description = "The server (default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "firebreak-data/admin-token",
      description = "A file holding a CUSTODIAN's or ADMIN's token (default: ${DEFAULT-VALUE}).")
  Path tokenFile;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
      description = "Records per request, 1..10000 (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Show a progress bar on standard error (default: on).")
  boolean progress;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** One record as an NDJSON line, with the line of the file it came from. */
  private record Line(int number, String json) {}

  private enum Format { NDJSON, CSV }

  @Override
  public Integer call() throws IOException {
    if (batch < 1 || batch > 10_000) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be 1..10000");
    }
    Format format = format(file);
    ApiClient client = new ApiClient(url, ApiClient.readToken(tokenFile));
    long total = progress ? count(format) : -1;
    String path = "/v1/sources/" + URLEncoder.encode(source, StandardCharsets.UTF_8).replace("+", "%20")
        + "/records";
    int[] counts = new int[3]; // records, inserted, replaced
    List<Line> pending = new ArrayList<>(batch);
    try (ProgressBar bar = total < 0 ? null : new ProgressBarBuilder().setTaskName("ingest " + source)
        .setInitialMax(total).setUnit(" records", 1).setStyle(ProgressBarStyle.UNICODE_BLOCK).build()) {
      Consumer<Line> add = line -> {
        pending.add(line);
        if (pending.size() == batch) {
          send(client, path, pending, counts, bar);
        }
      };
      if (format == Format.NDJSON) {
        readNdjson(add);
      } else {
        readCsv(add);
      }
      if (!pending.isEmpty()) {
        send(client, path, pending, counts, bar);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("ingested " + counts[0] + " records into " + source + " (" + counts[1] + " new, " + counts[2]
        + " replaced)");
    out.flush();
    return 0;
  }

  private void send(ApiClient client, String path, List<Line> lines, int[] counts, ProgressBar bar) {
    StringBuilder body = new StringBuilder();
    for (Line l : lines) {
      body.append(l.json()).append('\n');
    }
    JsonNode answer;
    try {
      answer = client.post(path, "application/x-ndjson", body.toString().getBytes(StandardCharsets.UTF_8));
    } catch (ApiException e) {
      String stored = counts[0] == 0 ? "" : " (" + counts[0] + " records of earlier batches are stored)";
      if (e.line().isPresent() && e.line().getAsInt() >= 1 && e.line().getAsInt() <= lines.size()) {
        throw e.at(file + ": line " + lines.get(e.line().getAsInt() - 1).number() + stored);
      }
      throw stored.isEmpty() ? e : e.at(file + stored);
    }
    counts[0] += answer.path("records").asInt();
    counts[1] += answer.path("inserted").asInt();
    counts[2] += answer.path("replaced").asInt();
    if (bar != null) {
      bar.stepBy(lines.size());
    }
    lines.clear();
  }

  private static Format format(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
      return Format.NDJSON;
    }
    if (name.endsWith(".csv")) {
      return Format.CSV;
    }
    throw new InvalidInputException(file.toString(), "$", "unknown format: name it .ndjson, .jsonl or .csv", null);
  }

  private long count(Format format) throws IOException {
    long[] n = {0};
    if (format == Format.NDJSON) {
      readNdjson(l -> n[0]++);
    } else {
      readCsv(l -> n[0]++);
    }
    return n[0];
  }

  private BufferedReader open() throws IOException {
    try {
      return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8
          .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    } catch (NoSuchFileException e) {
      throw new UnreadableFileException(file.toString(), null);
    }
  }

  /** Each non-blank line is one record; the server checks it. */
  private void readNdjson(Consumer<Line> add) throws IOException {
    try (BufferedReader r = open()) {
      int n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        if (!line.isBlank()) {
          add.accept(new Line(n, line));
        }
      }
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(file.toString(), "$", "is not UTF-8 text", e);
    }
  }

  /** The header names the fields and must have an {@code id} column; an empty cell is an absent field. */
  private void readCsv(Consumer<Line> add) throws IOException {
    CsvMapper csv = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
        .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    try (Reader r = open(); MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(r)) {
      if (!rows.hasNextValue()) {
        throw new InvalidInputException(file.toString(), "line 1", "is empty: expected a header row", null);
      }
      String[] header = rows.nextValue();
      int id = -1;
      Set<String> names = new HashSet<>();
      for (int i = 0; i < header.length; i++) {
        header[i] = header[i].strip();
        if (header[i].isEmpty() || !names.add(header[i])) {
          throw new InvalidInputException(file.toString(), "line 1", "column " + (i + 1) + " of the header is "
              + (header[i].isEmpty() ? "blank" : "'" + header[i] + "' again"), null);
        }
        if (header[i].equals("id")) {
          id = i;
        }
      }
      if (id < 0) {
        throw new InvalidInputException(file.toString(), "line 1", "the header has no 'id' column", null);
      }
      while (true) {
        int line = rows.getCurrentLocation().getLineNr();
        if (!rows.hasNextValue()) {
          break;
        }
        String[] row = rows.nextValue();
        if (row.length != header.length) {
          throw new InvalidInputException(file.toString(), "line " + line, "has " + row.length
              + " cells; the header has " + header.length, null);
        }
        ObjectNode rec = JSON.createObjectNode();
        rec.put("id", row[id]);
        ObjectNode fields = rec.putObject("fields");
        for (int i = 0; i < row.length; i++) {
          if (i != id && !row[i].isEmpty()) {
            fields.put(header[i], row[i]);
          }
        }
        add.accept(new Line(line, rec.toString()));
      }
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(file.toString(), "$", "is not UTF-8 text", e);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InvalidInputException(file.toString(), "line " + line, "malformed CSV: " + e.getOriginalMessage(),
          e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof JsonProcessingException jpe) {
        int line = jpe.getLocation() == null ? 0 : jpe.getLocation().getLineNr();
        throw new InvalidInputException(file.toString(), "line " + line, "malformed CSV: "
            + jpe.getOriginalMessage(), jpe);
      }
      throw e;
    }
  }
}
