package org.firebreak.core.model;

import static org.firebreak.core.model.InvalidFieldException.required;

import java.util.Optional;
import org.firebreak.core.vocab.Issuer;
import org.firebreak.core.vocab.LegalProcessType;

/**
 * The legal process a request relies on. The type decides what it can override; the issuer must fit the type, so
 * an agency officer's form can never pass as a judicial warrant (legal-landscape.md § 0.1).
 */
public record LegalProcess(LegalProcessType type, Optional<Issuer> issuer, Optional<String> reference) {
  public static final LegalProcess NONE = new LegalProcess(LegalProcessType.NONE, Optional.empty(), Optional.empty());

  public LegalProcess {
    required(type, "type");
    issuer = issuer == null ? Optional.empty() : issuer;
    reference = reference == null ? Optional.empty() : reference.filter(r -> !r.isBlank());
    if (issuer.isPresent()) {
      Issuer i = issuer.get();
      if (type.isJudicial() && i == Issuer.AGENCY_OFFICER) {
        throw new InvalidFieldException("issuer", type + " cannot be issued by AGENCY_OFFICER; an agency's own form is"
            + " ADMINISTRATIVE_WARRANT, ADMINISTRATIVE_SUBPOENA or DETAINER");
      }
      if (type == LegalProcessType.GRAND_JURY_SUBPOENA && i != Issuer.GRAND_JURY) {
        throw new InvalidFieldException("issuer", "GRAND_JURY_SUBPOENA is issued by GRAND_JURY");
      }
      if (type != LegalProcessType.GRAND_JURY_SUBPOENA && i == Issuer.GRAND_JURY) {
        throw new InvalidFieldException("issuer", "GRAND_JURY issues only GRAND_JURY_SUBPOENA");
      }
      if (!type.isJudicial() && type != LegalProcessType.NONE && i != Issuer.AGENCY_OFFICER) {
        throw new InvalidFieldException("issuer", type + " is issued by AGENCY_OFFICER, not " + i);
      }
    }
    if (type == LegalProcessType.NONE && issuer.isPresent()) {
      throw new InvalidFieldException("issuer", "NONE has no issuer");
    }
  }

  public static LegalProcess of(LegalProcessType type, Issuer issuer, String reference) {
    return new LegalProcess(type, Optional.ofNullable(issuer), Optional.ofNullable(reference));
  }
}
