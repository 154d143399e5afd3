package org.firebreak.ledger.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A signed note per c2sp.org/signed-note: a text ending in a newline, a blank line, and one or more
 * signature lines {@code — <key name> base64(key ID || signature)} (U+2014 EM DASH, space).
 *
 * <p>The constructor validates what the format needs (text ending in a newline, no control characters other
 * than newline, valid key names, 1 to 100 signatures), so every {@code Note} formats to a note that parses
 * back to an equal {@code Note}, and {@link #parse} accepts exactly the output of {@link #format}: base64 must
 * be canonical, so no two encodings of one note are both accepted.
 *
 * <p>A parsed note is not trusted: read its text only after {@link #verify} succeeded.
 */
public record Note(String text, List<Note.Signature> signatures) {

  private static final String SIGNATURE_PREFIX = "\u2014 ";

  /**
   * One signature line: the key name, the key ID, and the signature bytes that follow the 4-byte key ID
   * (for Ed25519, the 64-byte signature; for a cosignature/v1, timestamp and signature). Immutable.
   */
  public record Signature(String name, int keyId, byte[] signature) {

    public Signature {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(signature, "signature");
      Syntax.requireValidName(name);
      if (signature.length == 0) {
        throw new IllegalArgumentException("signature by " + Syntax.quote(name) + " is empty");
      }
      signature = signature.clone();
    }

    /** The signature bytes after the key ID (a copy). */
    @Override
    public byte[] signature() {
      return signature.clone();
    }

    /** The signature line without its final newline: {@code — <name> base64(key ID || signature)}. */
    public String line() {
      byte[] idAndSignature = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
      return SIGNATURE_PREFIX + name + " " + Syntax.base64(idAndSignature);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signature other
          && name.equals(other.name)
          && keyId == other.keyId
          && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, keyId, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
      return line();
    }
  }

  public Note {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(signatures, "signatures");
    String problem = Syntax.noteTextProblem(text);
    if (problem != null) {
      throw new IllegalArgumentException("invalid note text: " + problem);
    }
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty()) {
      throw new IllegalArgumentException("a signed note has at least one signature");
    }
    if (signatures.size() > Syntax.MAX_SIGNATURES) {
      throw new IllegalArgumentException("a signed note has at most " + Syntax.MAX_SIGNATURES
          + " signatures, not " + signatures.size());
    }
  }

  /**
   * Parses a signed note from its bytes, which must be valid UTF-8.
   *
   * @throws NoteException if the bytes are not UTF-8 or not a signed note
   */
  public static Note parse(byte[] noteBytes) throws NoteException {
    Objects.requireNonNull(noteBytes, "noteBytes");
    String noteText;
    try {
      noteText = Syntax.decodeUtf8(noteBytes);
    } catch (CharacterCodingException e) {
      throw new NoteException("malformed note: not valid UTF-8");
    }
    return parse(noteText);
  }

  /**
   * Parses a signed note. The text is everything up to and including the newline before the last blank
   * line; each following line must be a signature line. Signatures are not verified here.
   *
   * @throws NoteException if the note is malformed, saying where
   */
  public static Note parse(String noteText) throws NoteException {
    Objects.requireNonNull(noteText, "noteText");
    String characters = Syntax.characterProblem(noteText);
    if (characters != null) {
      throw new NoteException("malformed note: it contains a " + characters);
    }
    int split = noteText.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteException("malformed note: no blank line between the text and the signature lines");
    }
    String text = noteText.substring(0, split + 1);
    String block = noteText.substring(split + 2);
    if (block.isEmpty()) {
      throw new NoteException("malformed note: no signature lines after the blank line");
    }
    if (!block.endsWith("\n")) {
      throw new NoteException("malformed note: the last signature line does not end in a newline");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > Syntax.MAX_SIGNATURES) {
      throw new NoteException("malformed note: more than " + Syntax.MAX_SIGNATURES + " signatures");
    }
    List<Signature> signatures = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      signatures.add(parseSignatureLine(lines[i], i + 1));
    }
    return new Note(text, signatures);
  }

  private static Signature parseSignatureLine(String line, int number) throws NoteException {
    String where = "malformed note: signature line " + number;
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new NoteException(where + " does not start with an em dash (U+2014) and a space: "
          + Syntax.quote(line));
    }
    String rest = line.substring(SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new NoteException(where + " has no space between the key name and the signature");
    }
    String name = rest.substring(0, space);
    String problem = Syntax.nameProblem(name);
    if (problem != null) {
      throw new NoteException(where + ": key name " + Syntax.quote(name) + " is invalid: " + problem);
    }
    byte[] decoded;
    try {
      decoded = Syntax.decodeBase64(rest.substring(space + 1), "the signature");
    } catch (IllegalArgumentException e) {
      throw new NoteException(where + " (" + name + "): " + e.getMessage());
    }
    if (decoded.length < 5) {
      throw new NoteException(where + " (" + name + "): the signature is " + decoded.length
          + " bytes; it must be a 4-byte key ID followed by the signature");
    }
    int keyId = ByteBuffer.wrap(decoded).getInt();
    return new Signature(name, keyId, Arrays.copyOfRange(decoded, 4, decoded.length));
  }

  /** The signed note: the text, a blank line, and the signature lines, each ending in a newline. */
  public String format() {
    StringBuilder b = new StringBuilder(text).append('\n');
    for (Signature signature : signatures) {
      b.append(signature.line()).append('\n');
    }
    return b.toString();
  }

  /**
   * Signs {@code text} with each signer, in order.
   *
   * @throws IllegalArgumentException if the text is not a valid note text (it must end in a newline and
   *     have no control characters other than newline), no signer is given, or two signers share a key
   */
  public static Note sign(String text, NoteSigner... signers) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(signers, "signers");
    String problem = Syntax.noteTextProblem(text);
    if (problem != null) {
      throw new IllegalArgumentException("invalid note text: " + problem);
    }
    if (signers.length == 0) {
      throw new IllegalArgumentException("a signed note needs at least one signer");
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    Set<KeyRef> seen = new LinkedHashSet<>();
    List<Signature> signatures = new ArrayList<>(signers.length);
    for (NoteSigner signer : signers) {
      Objects.requireNonNull(signer, "signer");
      if (!seen.add(new KeyRef(signer.name(), signer.keyId()))) {
        throw new IllegalArgumentException("signer " + signer + " is given twice");
      }
      signatures.add(new Signature(signer.name(), signer.keyId(), signer.sign(message)));
    }
    return new Note(text, signatures);
  }

  /**
   * This note with {@code signature} added at the end, replacing any signature with the same key name and
   * key ID (for example a witness cosignature added to a log's checkpoint).
   */
  public Note withSignature(Signature signature) {
    Objects.requireNonNull(signature, "signature");
    List<Signature> updated = new ArrayList<>(signatures.size() + 1);
    for (Signature existing : signatures) {
      if (!(existing.name().equals(signature.name()) && existing.keyId() == signature.keyId())) {
        updated.add(existing);
      }
    }
    updated.add(signature);
    return new Note(text, updated);
  }

  /**
   * Verifies the note against {@code known} keys, by the rules of c2sp.org/signed-note: a signature whose
   * key name and key ID do not both match a known key is ignored; every signature by a known key must
   * verify (one that does not rejects the whole note); at least one known key must have signed.
   *
   * @return the known keys whose signatures verified, in order of their first signature
   * @throws NoteException "invalid signature" if a known key's signature fails, or "no known signature"
   *     if no known key signed the note
   * @throws IllegalArgumentException if two different known keys share a name and key ID
   */
  public List<NoteVerifier> verify(List<NoteVerifier> known) throws NoteException {
    Objects.requireNonNull(known, "known");
    Map<KeyRef, NoteVerifier> byRef = new HashMap<>();
    for (NoteVerifier verifier : known) {
      Objects.requireNonNull(verifier, "known verifier");
      NoteVerifier previous = byRef.putIfAbsent(new KeyRef(verifier.name(), verifier.keyId()), verifier);
      if (previous != null && !previous.equals(verifier)) {
        throw new IllegalArgumentException("ambiguous known keys: " + previous.text() + " and "
            + verifier.text() + " share a name and key ID");
      }
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    Set<NoteVerifier> verified = new LinkedHashSet<>();
    for (Signature signature : signatures) {
      NoteVerifier verifier = byRef.get(new KeyRef(signature.name(), signature.keyId()));
      if (verifier == null) {
        continue; // unknown key: ignored, as the spec requires
      }
      if (!verifier.verify(message, signature.signature)) {
        throw new NoteException("invalid signature by known key " + signature.name() + "+"
            + Syntax.hex(signature.keyId()) + ": the note is rejected");
      }
      verified.add(verifier);
    }
    if (verified.isEmpty()) {
      StringBuilder seen = new StringBuilder();
      for (Signature signature : signatures) {
        seen.append(seen.isEmpty() ? "" : ", ").append(signature.name()).append('+')
            .append(Syntax.hex(signature.keyId()));
      }
      throw new NoteException("no known signature: none of the " + byRef.size()
          + " known key(s) signed this note (it is signed by " + seen + ")");
    }
    return List.copyOf(verified);
  }

  /** A key's identity in signature lines. */
  private record KeyRef(String name, int keyId) {}
}
