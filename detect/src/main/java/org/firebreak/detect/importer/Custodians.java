package org.firebreak.detect.importer;

import java.nio.file.Path;
import java.util.Optional;
import org.firebreak.detect.Jurisdictions;

/**
 * The agency whose log a file is, from the file's name: public-records releases are named after the agency
 * ("eugene-or-pd-portal-search-audit.csv", "ca-portals/alameda-ca-pd.json"), and the agency's state is the first
 * state code in the file's name, else in its folder's name.
 */
final class Custodians {
  /** Where the agency's name ends in a file name: the kind of export that follows it. */
  private static final java.util.regex.Pattern EXPORT_KIND = java.util.regex.Pattern.compile(
      "[-_ ](?:portal|network|org|organi[sz]ation|search|audit)(?=[-_ .]|$)", java.util.regex.Pattern.CASE_INSENSITIVE);

  private Custodians() {
  }

  static RowReader.Context ofFile(Path file, boolean sharedAccess) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    // "eugene-or-pd-portal-search-audit" names the agency "eugene-or-pd"
    java.util.regex.Matcher kind = EXPORT_KIND.matcher(base);
    return of(kind.find() && kind.start() > 0 ? base.substring(0, kind.start()) : base, file, sharedAccess);
  }

  /** The custodian named {@code agency} (a portal's name), its state from that name or the file's. */
  static RowReader.Context of(String agency, Path file, boolean sharedAccess) {
    Optional<String> state = Jurisdictions.ofSlug(agency).or(() -> Jurisdictions.ofSlug(
        file.getFileName().toString()));
    if (state.isEmpty()) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && parent.getFileName() != null) {
        state = Jurisdictions.ofSlug(parent.getFileName().toString());
      }
    }
    return new RowReader.Context(Optional.of(agency), state, sharedAccess);
  }
}
