package org.firebreak.ledger.note;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A transparency log checkpoint per c2sp.org/tlog-checkpoint: the body of a signed note made of the log's
 * origin line, the tree size in decimal, the base64 root hash, and optional extension lines.
 *
 * <pre>
 * example.com/behind-the-sofa
 * 20852163
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 * </pre>
 *
 * <p>The constructor validates: a non-empty origin line, a size from 0 to {@link Long#MAX_VALUE} (the spec's
 * sizes are unbounded decimals; larger ones are refused), a 32-byte (SHA-256) root hash, non-empty
 * extension lines, and no control characters anywhere. Immutable: the root is copied in and out.
 */
public record Checkpoint(String origin, long size, byte[] root, List<String> extensions) {

  /** The length of a SHA-256 Merkle tree root hash (RFC 6962 / RFC 9162). */
  public static final int ROOT_LENGTH = 32;

  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(extensions, "extensions");
    String problem = lineProblem(origin, "origin");
    if (problem != null) {
      throw new IllegalArgumentException("invalid checkpoint: " + problem);
    }
    if (size < 0) {
      throw new IllegalArgumentException("invalid checkpoint: tree size " + size + " is negative");
    }
    if (root.length != ROOT_LENGTH) {
      throw new IllegalArgumentException("invalid checkpoint: root hash is " + root.length + " bytes, not "
          + ROOT_LENGTH);
    }
    root = root.clone();
    extensions = List.copyOf(extensions);
    for (int i = 0; i < extensions.size(); i++) {
      problem = lineProblem(extensions.get(i), "extension line " + (i + 1));
      if (problem != null) {
        throw new IllegalArgumentException("invalid checkpoint: " + problem);
      }
    }
  }

  /** A checkpoint without extension lines. */
  public Checkpoint(String origin, long size, byte[] root) {
    this(origin, size, root, List.of());
  }

  private static String lineProblem(String line, String what) {
    if (line.isEmpty()) {
      return what + " is empty";
    }
    if (line.indexOf('\n') >= 0) {
      return what + " contains a newline";
    }
    String problem = Syntax.characterProblem(line);
    return problem == null ? null : what + " contains a " + problem;
  }

  /** The root hash (a copy). */
  @Override
  public byte[] root() {
    return root.clone();
  }

  /**
   * Parses a checkpoint from the text of a note (including its final newline, without signatures),
   * e.g. {@code Checkpoint.parse(note.text())}.
   *
   * @throws NoteException if it is not exactly a checkpoint: fewer than three lines, an empty origin or
   *     extension line, a size that is not plain decimal (signs, leading zeroes, non-ASCII digits) or too
   *     large, a root hash that is not canonical base64 of 32 bytes, control characters, or no final newline
   */
  public static Checkpoint parse(String noteText) throws NoteException {
    Objects.requireNonNull(noteText, "noteText");
    if (!noteText.endsWith("\n")) {
      throw new NoteException("malformed checkpoint: the text must end in a newline");
    }
    String characters = Syntax.characterProblem(noteText);
    if (characters != null) {
      throw new NoteException("malformed checkpoint: it contains a " + characters);
    }
    List<String> lines = new ArrayList<>(Arrays.asList(noteText.split("\n", -1)));
    lines.removeLast(); // the empty string after the final newline
    if (lines.size() < 3) {
      throw new NoteException("malformed checkpoint: it has " + lines.size()
          + " line(s); a checkpoint has an origin line, a tree size line and a root hash line");
    }
    String origin = lines.get(0);
    if (origin.isEmpty()) {
      throw new NoteException("malformed checkpoint: the origin line is empty");
    }
    long size = parseSize(lines.get(1));
    byte[] root;
    try {
      root = Syntax.decodeBase64(lines.get(2), "the root hash");
    } catch (IllegalArgumentException e) {
      throw new NoteException("malformed checkpoint: " + e.getMessage());
    }
    if (root.length != ROOT_LENGTH) {
      throw new NoteException("malformed checkpoint: the root hash is " + root.length + " bytes, not "
          + ROOT_LENGTH);
    }
    List<String> extensions = lines.subList(3, lines.size());
    for (int i = 0; i < extensions.size(); i++) {
      if (extensions.get(i).isEmpty()) {
        throw new NoteException("malformed checkpoint: extension line " + (i + 1) + " (line " + (i + 4)
            + ") is empty");
      }
    }
    return new Checkpoint(origin, size, root, extensions);
  }

  private static long parseSize(String line) throws NoteException {
    if (line.isEmpty()) {
      throw new NoteException("malformed checkpoint: the tree size line is empty");
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new NoteException("malformed checkpoint: tree size " + Syntax.quote(line)
            + " is not a non-negative ASCII decimal number");
      }
    }
    if (line.length() > 1 && line.charAt(0) == '0') {
      throw new NoteException("malformed checkpoint: tree size " + Syntax.quote(line)
          + " has a leading zero");
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new NoteException("malformed checkpoint: tree size " + Syntax.quote(line) + " exceeds "
          + Long.MAX_VALUE);
    }
  }

  /** The note text to sign: origin, size, base64 root hash and extension lines, each ending in a newline. */
  public String text() {
    StringBuilder b = new StringBuilder()
        .append(origin).append('\n')
        .append(size).append('\n')
        .append(Syntax.base64(root)).append('\n');
    for (String extension : extensions) {
      b.append(extension).append('\n');
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint other
        && origin.equals(other.origin)
        && size == other.size
        && Arrays.equals(root, other.root)
        && extensions.equals(other.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(root), extensions);
  }

  @Override
  public String toString() {
    return "Checkpoint[origin=" + origin + ", size=" + size + ", root=" + Syntax.base64(root)
        + ", extensions=" + extensions + "]";
  }
}
