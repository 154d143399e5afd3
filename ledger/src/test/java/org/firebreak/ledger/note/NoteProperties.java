package org.firebreak.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Properties of signed notes and checkpoints over generated texts and keys. */
class NoteProperties {

  private static final List<String> NAMES = List.of("log.example/a", "witness.example/\u00e9t\u00e9", "\u2014/c");

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> character = Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
        Tuple.of(3, Arbitraries.of("\u2014", "\u2014 ", " ", "+", "=", "\u00e9", "\u00a0", "\u2028", "\ufeff", "\ufffd")),
        Tuple.of(2, Arbitraries.chars().range('\u00a0', '\ud7ff').map(String::valueOf)),
        Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff).map(Character::toString)));
    Arbitrary<String> line = character.list().ofMaxSize(30).map(parts -> String.join("", parts));
    return line.list().ofMinSize(1).ofMaxSize(6).map(lines -> String.join("\n", lines) + "\n");
  }

  /** {@code count} signers with keys drawn deterministically from {@code seed}, so failures replay. */
  static List<NoteSigner> signers(int count, long seed) {
    SecureRandom random;
    try {
      random = SecureRandom.getInstance("SHA1PRNG");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    random.setSeed(seed);
    List<NoteSigner> signers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      signers.add(NoteSigner.generate(NAMES.get(i), random));
    }
    return signers;
  }

  @Property(tries = 200)
  void aSignedNoteParsesBackAndVerifiesWithEachKey(
      @ForAll("texts") String text, @ForAll @IntRange(min = 1, max = 3) int count, @ForAll long seed)
      throws NoteException {
    List<NoteSigner> signers = signers(count, seed);
    Note note = Note.sign(text, signers.toArray(NoteSigner[]::new));
    Note parsed = Note.parse(note.format().getBytes(StandardCharsets.UTF_8));

    assertThat(parsed).isEqualTo(note);
    assertThat(parsed.text()).isEqualTo(text);
    assertThat(parsed.format()).isEqualTo(note.format());
    for (NoteSigner signer : signers) {
      assertThat(parsed.verify(List.of(signer.verifier()))).containsExactly(signer.verifier());
    }
    assertThat(parsed.verify(signers.stream().map(NoteSigner::verifier).toList())).hasSize(count);
  }

  /**
   * A bit flip in the text or the blank line fails for every key. A flip in a signature line fails for
   * that line's key; the other keys may still verify, because the spec makes a line whose name or key
   * ID was changed an unknown signature, which is ignored.
   */
  @Property(tries = 300)
  void aBitFlipNeverVerifiesWithTheKeysItTouches(
      @ForAll("texts") String text,
      @ForAll @IntRange(min = 1, max = 3) int count,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1_000_000) int where,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    List<NoteSigner> signers = signers(count, seed);
    Note note = Note.sign(text, signers.toArray(NoteSigner[]::new));
    byte[] bytes = note.format().getBytes(StandardCharsets.UTF_8);
    int position = where % bytes.length;
    bytes[position] ^= (byte) (1 << bit);

    int textAndBlankLine = text.getBytes(StandardCharsets.UTF_8).length + 1;
    List<NoteSigner> touched = new ArrayList<>();
    if (position < textAndBlankLine) {
      touched.addAll(signers);
    } else {
      int lineStart = textAndBlankLine;
      for (int i = 0; i < count; i++) {
        int lineLength = (note.signatures().get(i).line() + "\n").getBytes(StandardCharsets.UTF_8).length;
        if (position < lineStart + lineLength) {
          touched.add(signers.get(i));
          break;
        }
        lineStart += lineLength;
      }
    }
    assertThat(touched).isNotEmpty();
    for (NoteSigner signer : touched) {
      assertThat(verifiedBy(bytes, List.of(signer.verifier()))).doesNotContain(signer.verifier());
      assertThat(verifiedBy(bytes, signers.stream().map(NoteSigner::verifier).toList()))
          .doesNotContain(signer.verifier());
    }
  }

  /** The keys that verified, or none if the note was rejected; any exception but NoteException escapes. */
  private static List<NoteVerifier> verifiedBy(byte[] note, List<NoteVerifier> keys) {
    try {
      return Note.parse(note).verify(keys);
    } catch (NoteException rejected) {
      return List.of();
    }
  }

  @Property(tries = 300)
  void checkpointsRoundTripThroughTheirText(
      @ForAll("lines") String origin,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long size,
      @ForAll @Size(32) byte[] root,
      @ForAll @Size(max = 3) List<@From("lines") String> extensions)
      throws NoteException {
    Checkpoint checkpoint = new Checkpoint(origin, size, root, extensions);
    assertThat(Checkpoint.parse(checkpoint.text())).isEqualTo(checkpoint);
  }

  @Provide
  Arbitrary<String> lines() {
    return texts().map(t -> t.replace("\n", "")).filter(line -> !line.isEmpty());
  }

  /** Whatever the input, parsing fails only with the documented exceptions. */
  @Property(tries = 500)
  void arbitraryInputIsRejectedOnlyWithTheDocumentedExceptions(@ForAll byte[] bytes, @ForAll("texts") String text) {
    String mixed = text + "\n\u2014 " + new String(bytes, StandardCharsets.ISO_8859_1) + "\n";
    for (Runnable parse : List.<Runnable>of(
        () -> expect(NoteException.class, () -> Note.parse(bytes)),
        () -> expect(NoteException.class, () -> Note.parse(mixed)),
        () -> expect(NoteException.class, () -> Checkpoint.parse(text)),
        () -> expect(IllegalArgumentException.class, () -> NoteVerifier.parse(text.strip())),
        () -> expect(IllegalArgumentException.class, () -> NoteSigner.parse("PRIVATE+KEY+" + text.strip())))) {
      parse.run();
    }
  }

  private interface Attempt {
    void run() throws Exception;
  }

  private static void expect(Class<? extends Exception> allowed, Attempt attempt) {
    try {
      attempt.run();
    } catch (Exception e) {
      assertThat(e).isInstanceOf(allowed);
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
