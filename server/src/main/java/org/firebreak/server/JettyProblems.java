package org.firebreak.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.firebreak.core.error.ErrorCode;

/**
 * Errors that Jetty answers before Javalin sees the request (a header section too large, a URI it refuses) as
 * application/problem+json too, instead of Jetty's HTML page.
 */
final class JettyProblems extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  private static byte[] body(int status, String reason) {
    String type = switch (status) {
      case 400 -> ErrorCode.INVALID_INPUT.typeUri();
      case 404 -> ErrorCode.NOT_FOUND.typeUri();
      case 405 -> Problems.METHOD_NOT_ALLOWED;
      case 413, 414, 431 -> Problems.TOO_LARGE;
      case 415 -> Problems.UNSUPPORTED_MEDIA_TYPE;
      default -> status >= 500 ? Problems.INTERNAL : "about:blank";
    };
    String title = HttpStatus.getMessage(status);
    String detail = status >= 500 || reason == null || reason.isBlank() ? title : reason;
    return Problems.problem(type, title, status, detail).toString().getBytes(StandardCharsets.UTF_8);
  }
}
