package org.firebreak.core.model;

import static org.firebreak.core.model.InvalidFieldException.requiredText;

/** A rule pack in force: id, version and the SHA-256 digest of its file ({@code sha256:<hex>}). */
public record PackRef(String id, String version, String digest) {
  public PackRef {
    requiredText(id, "id");
    requiredText(version, "version");
    requiredText(digest, "digest");
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new InvalidFieldException("digest", "must be sha256:<64 hex digits>");
    }
  }
}
