package org.firebreak.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.firebreak.core.error.InvalidPackException;
import org.firebreak.core.error.UnreadableFileException;
import org.firebreak.policy.pack.Pack;
import org.firebreak.policy.pack.PackLoader;
import org.firebreak.policy.pack.PackSet;

/**
 * Where packs come from: the packs shipped in this jar ({@code /packs/index.txt} lists them in load order) or a
 * directory (its {@code index.txt}, else every {@code *.yaml} but {@code fixtures.yaml} in name order).
 */
public final class PackLibrary {
  /** The file beside the packs that holds shared test fixtures (PACKS.md § 9). */
  public static final String FIXTURES = "fixtures.yaml";
  private static final String INDEX = "index.txt";
  private static final String RESOURCE_DIR = "/packs/";

  private final PackLoader loader;

  public PackLibrary(PackLoader loader) {
    this.loader = loader;
  }

  /** A set of packs together with the shared test fixtures found beside them. */
  public record Loaded(PackSet packs, Optional<Fixture> fixtures) {}

  /** Raw fixture file: its name (for errors) and text. */
  public record Fixture(String file, String text) {}

  public Loaded shipped() {
    List<Pack> packs = new ArrayList<>();
    for (String name : lines(resource(INDEX).orElseThrow(
        () -> new IllegalStateException("the jar has no " + RESOURCE_DIR + INDEX)))) {
      byte[] bytes = resourceBytes(name).orElseThrow(
          () -> new InvalidPackException(RESOURCE_DIR + INDEX, 0, "lists " + name + ", which is not in the jar"));
      packs.add(loader.load("packs/" + name, bytes));
    }
    Optional<Fixture> fixtures = resource(FIXTURES).map(t -> new Fixture("packs/" + FIXTURES, t));
    return new Loaded(PackSet.of(packs), fixtures);
  }

  public Loaded directory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UnreadableFileException(dir.toString(), null);
    }
    List<Path> files = new ArrayList<>();
    Path index = dir.resolve(INDEX);
    if (Files.isRegularFile(index)) {
      for (String name : lines(read(index))) {
        files.add(dir.resolve(name));
      }
    } else {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
            .filter(p -> !p.getFileName().toString().equals(FIXTURES))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UnreadableFileException(dir.toString(), e);
      }
    }
    List<Pack> packs = files.stream().map(loader::load).toList();
    Path fx = dir.resolve(FIXTURES);
    Optional<Fixture> fixtures = Files.isRegularFile(fx) ? Optional.of(new Fixture(fx.toString(), read(fx)))
        : Optional.empty();
    return new Loaded(PackSet.of(packs), fixtures);
  }

  private static List<String> lines(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnreadableFileException(p.toString(), e);
    }
  }

  private static Optional<String> resource(String name) {
    return resourceBytes(name).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  private static Optional<byte[]> resourceBytes(String name) {
    try (InputStream in = PackLibrary.class.getResourceAsStream(RESOURCE_DIR + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UnreadableFileException(RESOURCE_DIR + name, e);
    }
  }
}
