package org.firebreak.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.firebreak.core.error.UnreadableFileException;
import org.firebreak.server.client.ApiClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firebreak request}: a client for {@code POST /v1/requests} that prints the JSON answer. */
@Command(name = "request", mixinStandardHelpOptions = true,
    description = {"Ask a Firebreak server for data (POST /v1/requests) and print its answer: the decision, the"
        + " released fields and the ledger receipt.",
        "Either --body FILE (the request JSON; '-' reads standard input) or --purpose, --source and --query."})
final class RequestCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The server, e.g. http://localhost:8080.")
  URI url;

  @Option(names = "--token-file", required = true, paramLabel = "FILE",
      description = "A file holding a REQUESTER's token.")
  Path tokenFile;

  @Option(names = "--body", paramLabel = "FILE", description = "The request body (JSON); '-' for standard input.")
  String body;

  @Option(names = "--purpose", paramLabel = "PURPOSE", description = "Declared purpose, e.g. VIOLENT_CRIME.")
  String purpose;

  @Option(names = "--source", paramLabel = "ID", description = "A source to ask (repeatable).")
  List<String> sources = new ArrayList<>();

  @Option(names = "--query", paramLabel = "FIELD=VALUE",
      description = "A searchable field and its value (repeatable).")
  Map<String, String> query = new LinkedHashMap<>();

  @Option(names = "--category", paramLabel = "CATEGORY", description = "Ask only for this category (repeatable).")
  List<String> categories = new ArrayList<>();

  @Option(names = "--justification", paramLabel = "TEXT")
  String justification;

  @Option(names = "--case-number", paramLabel = "NUMBER")
  String caseNumber;

  @Option(names = "--legal-process", paramLabel = "TYPE", description = "e.g. JUDICIAL_WARRANT, ADMINISTRATIVE_WARRANT.")
  String legalProcess;

  @Option(names = "--issuer", paramLabel = "ISSUER", description = "Issuer of the legal process, e.g. STATE_JUDGE.")
  String issuer;

  @Option(names = "--reference", paramLabel = "TEXT", description = "Reference of the legal process (docket, form).")
  String reference;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    byte[] payload = body != null ? fromFile() : fromOptions();
    JsonNode answer = new ApiClient(url, ApiClient.readToken(tokenFile)).post("/v1/requests", "application/json",
        payload);
    PrintWriter out = spec.commandLine().getOut();
    out.println(JSON.writeValueAsString(answer));
    out.flush();
    return 0;
  }

  private byte[] fromFile() throws IOException {
    if (purpose != null || !sources.isEmpty() || !query.isEmpty() || !categories.isEmpty() || justification != null
        || caseNumber != null || legalProcess != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--body takes the whole request: leave out --purpose, --source, --query and the rest");
    }
    if (body.equals("-")) {
      return System.in.readAllBytes();
    }
    try {
      return Files.readAllBytes(Path.of(body));
    } catch (NoSuchFileException e) {
      throw new UnreadableFileException(body, null);
    }
  }

  private byte[] fromOptions() throws IOException {
    if (purpose == null || sources.isEmpty() || query.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give --body FILE, or --purpose, at least one --source and at least one --query FIELD=VALUE");
    }
    if ((issuer != null || reference != null) && legalProcess == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--issuer and --reference need --legal-process");
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("purpose", purpose);
    if (justification != null) {
      o.put("justification", justification);
    }
    if (caseNumber != null) {
      o.put("caseNumber", caseNumber);
    }
    if (legalProcess != null) {
      ObjectNode lp = o.putObject("legalProcess");
      lp.put("type", legalProcess);
      if (issuer != null) {
        lp.put("issuer", issuer);
      }
      if (reference != null) {
        lp.put("reference", reference);
      }
    }
    ArrayNode s = o.putArray("sources");
    sources.forEach(s::add);
    ObjectNode q = o.putObject("query");
    query.forEach(q::put);
    if (!categories.isEmpty()) {
      ArrayNode c = o.putArray("categories");
      categories.forEach(c::add);
    }
    return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o)
        .getBytes(StandardCharsets.UTF_8);
  }
}
