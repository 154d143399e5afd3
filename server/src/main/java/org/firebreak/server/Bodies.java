package org.firebreak.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.firebreak.core.error.InvalidInputException;

/**
 * Request bodies, read with a size limit and a content type check before anything binds them: a body over the
 * limit is refused with 413 (by its Content-Length before a byte is read, or once the limit is passed), a content
 * type other than the route's with 415, bytes that are not UTF-8 with 400.
 */
final class Bodies {
  static final String JSON = "application/json";
  /** NDJSON (ndjson.org); {@code application/jsonl} is accepted as its other common name. */
  static final Set<String> NDJSON = Set.of("application/x-ndjson", "application/jsonl");

  private Bodies() {}

  /** The body of a JSON route as text. */
  static String json(Context ctx, long limit) {
    requireType(ctx, Set.of(JSON));
    return text(ctx, limit);
  }

  /** The body of an NDJSON route as text. */
  static String ndjson(Context ctx, long limit) {
    requireType(ctx, NDJSON);
    return text(ctx, limit);
  }

  /** The media type without parameters, lower case; empty when there is no Content-Type. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  private static void requireType(Context ctx, Set<String> allowed) {
    String type = mediaType(ctx.contentType());
    if (!allowed.contains(type)) {
      throw ApiProblem.unsupportedMediaType((type.isEmpty() ? "no Content-Type" : "Content-Type '" + type + "'")
          + ": this route takes " + String.join(" or ", allowed.stream().sorted().toList()));
    }
    String charset = charset(ctx.contentType());
    if (charset != null && !charset.equals("utf-8")) {
      throw ApiProblem.unsupportedMediaType("charset '" + charset + "': bodies are UTF-8");
    }
  }

  private static String charset(String contentType) {
    for (String param : contentType.split(";")) {
      String p = param.strip().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=")) {
        return p.substring("charset=".length()).replace("\"", "");
      }
    }
    return null;
  }

  private static String text(Context ctx, long limit) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      drain(ctx, declared);
      throw ApiProblem.tooLarge("the body has " + declared + " bytes; this route takes at most " + limit);
    }
    byte[] bytes;
    try (InputStream in = ctx.bodyInputStream()) {
      bytes = readAtMost(in, limit, declared);
      if (bytes == null) {
        in.skip(DRAIN_LIMIT);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
    if (bytes == null) {
      throw ApiProblem.tooLarge("the body has more than " + limit + " bytes; this route takes at most " + limit);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("request body", "$", "is not UTF-8 text", e);
    }
  }

  /**
   * A refused body of moderate size is read and dropped before the 413 goes out: a server that answers and closes
   * while the client is still sending makes the client's TCP stack reset the connection, and the client never sees
   * the answer. Beyond this many bytes the connection is simply closed.
   */
  static final long DRAIN_LIMIT = 8L << 20;

  private static void drain(Context ctx, long declared) {
    if (declared > DRAIN_LIMIT) {
      return;
    }
    try (InputStream in = ctx.bodyInputStream()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client gave up: nothing to answer
    }
  }

  /**
   * The stream's bytes, or null when there are more than {@code limit}. A body of a declared length ({@code declared}
   * >= 0, at most the limit) is read into an array of that size: a request is a few hundred bytes, and a 16 KB buffer
   * for each was most of what reading it allocated.
   */
  private static byte[] readAtMost(InputStream in, long limit, long declared) throws IOException {
    if (declared >= 0 && declared <= Math.min(limit, Integer.MAX_VALUE - 8)) {
      byte[] body = in.readNBytes((int) declared);
      int next = in.read();
      if (body.length == declared && next < 0) {
        return body;
      }
      // Shorter or longer than declared (the HTTP layer refuses that before here): read on as if undeclared.
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      read.write(body);
      if (next >= 0) {
        read.write(next);
      }
      return copyAtMost(in, limit, read);
    }
    return copyAtMost(in, limit, new ByteArrayOutputStream());
  }

  private static byte[] copyAtMost(InputStream in, long limit, ByteArrayOutputStream out) throws IOException {
    byte[] buf = new byte[16 * 1024];
    long total = out.size();
    if (total > limit) {
      return null;
    }
    int n;
    while ((n = in.read(buf)) >= 0) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
