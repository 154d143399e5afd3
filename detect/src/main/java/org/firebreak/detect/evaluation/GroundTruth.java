package org.firebreak.detect.evaluation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.firebreak.core.error.InvalidInputException;
import org.firebreak.core.error.UnreadableFileException;

/**
 * The simulator's labels of the requests a demo sent, by the id the server gave each request, with the time the
 * scenario gives each (the demo replays the month in seconds): what
 * {@code firebreak demo} writes to {@code DIR/ground-truth.json} and {@code firebreak detect --evaluate DIR} reads.
 *
 * <pre>{"seed":2026,"size":"small","requests":[{"id":"req-...","seq":1,"at":"2026-11-01T08:12:00Z","story":"LOCAL_CASE","lawful":true},
 *   {"id":"req-...","seq":7,"story":"ICE_RELAY","lawful":false,"sideDoor":"RELAY_ON_BEHALF_OF",
 *    "sideDoorDescription":"a local officer relays for ICE, onBehalfOf filled in"}, ...]}</pre>
 */
public record GroundTruth(long seed, String size, List<Labelled> requests) {
  public static final String FILE = "ground-truth.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request's label; {@code sideDoor} is present exactly when it is unlawful. */
  public record Labelled(String id, int seq, Instant at, String story, boolean lawful, Optional<String> sideDoor,
      Optional<String> sideDoorDescription) {
    public Labelled {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(story, "story");
      Objects.requireNonNull(sideDoor, "sideDoor");
      Objects.requireNonNull(sideDoorDescription, "sideDoorDescription");
      if (lawful == sideDoor.isPresent()) {
        throw new IllegalArgumentException("request " + id + ": a side door is named exactly when it is unlawful");
      }
    }
  }

  public GroundTruth {
    Objects.requireNonNull(size, "size");
    requests = List.copyOf(requests);
  }

  public void write(Path file) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("seed", seed);
    o.put("size", size);
    ArrayNode a = o.putArray("requests");
    for (Labelled l : requests) {
      ObjectNode r = a.addObject();
      r.put("id", l.id());
      r.put("seq", l.seq());
      r.put("at", l.at().toString());
      r.put("story", l.story());
      r.put("lawful", l.lawful());
      l.sideDoor().ifPresent(d -> r.put("sideDoor", d));
      l.sideDoorDescription().ifPresent(d -> r.put("sideDoorDescription", d));
    }
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
  }

  /** Reads a ground-truth file; anything malformed is an error naming the file and the JSON path. */
  public static GroundTruth read(Path file) {
    String label = file.toString();
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JacksonException e) {
      throw new InvalidInputException(label, "line " + e.getLocation().getLineNr(), "not JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UnreadableFileException(label, e);
    }
    if (root == null || !root.isObject() || !root.path("requests").isArray()) {
      throw new InvalidInputException(label, "$.requests", "a ground-truth file has a requests array", null);
    }
    List<Labelled> out = new ArrayList<>();
    int i = 0;
    for (JsonNode r : root.get("requests")) {
      String at = "$.requests[" + i++ + "]";
      if (!r.path("id").isTextual() || !r.path("story").isTextual() || !r.path("lawful").isBoolean()
          || !r.path("seq").isInt() || !r.path("at").isTextual()) {
        throw new InvalidInputException(label, at, "needs id, seq, at, story and lawful", null);
      }
      Instant when;
      try {
        when = Instant.parse(r.get("at").asText());
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(label, at + ".at", "not a UTC instant: " + r.get("at").asText(), null);
      }
      Optional<String> door = r.path("sideDoor").isTextual() ? Optional.of(r.get("sideDoor").asText())
          : Optional.empty();
      if (r.get("lawful").asBoolean() == door.isPresent()) {
        throw new InvalidInputException(label, at + ".sideDoor", "is present exactly when lawful is false", null);
      }
      out.add(new Labelled(r.get("id").asText(), r.get("seq").asInt(), when, r.get("story").asText(),
          r.get("lawful").asBoolean(), door, r.path("sideDoorDescription").isTextual()
              ? Optional.of(r.get("sideDoorDescription").asText()) : Optional.empty()));
    }
    return new GroundTruth(root.path("seed").asLong(), root.path("size").asText("unknown"), out);
  }
}
