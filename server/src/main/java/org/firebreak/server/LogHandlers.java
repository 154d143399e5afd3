package org.firebreak.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.firebreak.core.error.ErrorCode;
import org.firebreak.gateway.GatewayException;
import org.firebreak.ledger.Ledger;
import org.firebreak.ledger.storage.LedgerStorage;

/**
 * The public, read-only log under {@code /log/}: the signed checkpoint, the verifier key and the c2sp.org/tlog-tiles
 * files (hash tiles {@code tile/<L>/<N>[.p/<W>]} and entry bundles {@code tile/entries/<N>[.p/<W>]}), read from the
 * ledger's storage. Only paths of those shapes are served: never the journal, the key or anything else.
 */
final class LogHandlers {
  /** A tile index: three-digit groups, all but the last prefixed with x (x001/x234/067). */
  private static final String INDEX = "(?:x[0-9]{3}/)*[0-9]{3}";
  /** A partial tile's width, 1..255, written without leading zeros. */
  private static final String PARTIAL = "(?:\\.p/(?:[1-9][0-9]?|1[0-9]{2}|2[0-4][0-9]|25[0-5]))?";
  private static final Pattern TILE = Pattern.compile(
      "(?:(?:[0-9]|[1-5][0-9]|6[0-3])|entries)/" + INDEX + PARTIAL);

  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String PARTIAL_TILE = "public, max-age=60";
  static final String CHECKPOINT = "no-store";
  static final String VKEY = "public, max-age=3600";

  private final LedgerStorage storage;
  private final String verifierKey;

  LogHandlers(LedgerStorage storage, String verifierKey) {
    this.storage = storage;
    this.verifierKey = verifierKey;
  }

  void checkpoint(Context ctx) {
    byte[] note = read(Ledger.CHECKPOINT).orElseThrow(() -> new GatewayException(ErrorCode.UNAVAILABLE,
        "the log has no checkpoint yet"));
    ctx.header("Cache-Control", CHECKPOINT);
    ctx.contentType("text/plain; charset=utf-8");
    ctx.result(note);
  }

  void vkey(Context ctx) {
    ctx.header("Cache-Control", VKEY);
    ctx.contentType("text/plain; charset=utf-8");
    ctx.result(verifierKey + "\n");
  }

  /** {@code /log/tile/<path>}: {@code path} is everything after {@code tile/}. */
  void tile(Context ctx) {
    String path = ctx.pathParam("path");
    if (!TILE.matcher(path).matches()) {
      throw new GatewayException(ErrorCode.NOT_FOUND, "no tile or entry bundle at /log/tile/" + clip(path));
    }
    byte[] data = read("tile/" + path).orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND,
        "no tile or entry bundle at /log/tile/" + path));
    ctx.header("Cache-Control", path.contains(".p/") ? PARTIAL_TILE : IMMUTABLE);
    ctx.contentType("application/octet-stream");
    ctx.result(data);
  }

  private Optional<byte[]> read(String path) {
    try {
      return storage.read(path);
    } catch (IOException e) {
      throw new GatewayException(ErrorCode.UNAVAILABLE, "cannot read " + path + " from the ledger: " + e);
    }
  }

  private static String clip(String s) {
    String safe = s.replaceAll("[^A-Za-z0-9./_-]", "?");
    return safe.length() > 80 ? safe.substring(0, 80) + "..." : safe;
  }
}
