package org.firebreak.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.OutputStream;

/** report.pdf: the same XHTML document as report.html, rendered by openhtmltopdf (charts as PNG). */
final class Pdf {
  private Pdf() {}

  static void write(String xhtml, OutputStream out) throws IOException {
    // openhtmltopdf logs its timings at INFO on stderr by default: noise in a command's output.
    com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    PdfRendererBuilder b = new PdfRendererBuilder();
    b.useFastMode();
    b.withHtmlContent(xhtml, null);
    b.toStream(out);
    b.run();
  }
}
