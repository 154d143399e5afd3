package org.firebreak.detect;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.firebreak.core.vocab.AgencyLevel;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.Component;
import org.firebreak.core.vocab.LegalProcessType;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.core.vocab.TaskForce;

/**
 * One access to data, as an audit log records it, in words common to every log detection reads: a vendor's (a Flock
 * search) or Firebreak's own (a decided request). Importers fill what their log has; the rest stays empty. Redacted
 * values ({@code ***}, {@code REDACTED}) are empty, not text.
 *
 * @param id the row's own id where the log has one, else its 1-based row number
 * @param location where the row was read
 * @param time when the access happened
 * @param user who ran it (a user id or an officer's name)
 * @param organization the requester's organisation as the log names it (a {@code [Federal] } prefix removed)
 * @param level the requester's level when the log says it ({@code [Federal] } prefix, or Firebreak's agency record)
 * @param component the requester's component when the log says it (Firebreak's own events; vendor logs name
 *     organisations only in words, which the detectors read)
 * @param requesterJurisdiction where the requester is from ({@code US-TX}; {@code US} for a federal agency)
 * @param onBehalfOf the organisation the requester says it acts for
 * @param onBehalfOfLevel that organisation's level, when known ({@code [Federal] } prefix, Firebreak's registry or
 *     the request's own words)
 * @param onBehalfOfJurisdiction where that organisation is ({@code US-TX}; {@code US} for a federal agency), when
 *     known: the law on sharing reads who gets the data, not only who asks
 * @param taskForces the requester's task-force memberships
 * @param reason the free text the requester typed (reason, justification); empty when none
 * @param caseNumber the case or incident number, when the log has a cell for it and it is filled
 * @param offenseType a structured offence type (Flock's later exports)
 * @param subject the person or plate searched for (Flock: {@code License Plate})
 * @param networks how many networks (agencies' camera sets) the search covered
 * @param devices how many devices (cameras) the search covered
 * @param timeFrame the time frame the search covered
 * @param searchType the kind of search, as the log names it
 * @param sources the kinds of data accessed (ALPR for Flock logs)
 * @param categories the kinds of data asked for, when the log says (Firebreak's requests); empty when it does not,
 *     which is everything the sources hold
 * @param legalProcess the type of legal process the requester presented, when the log says (Firebreak's requests)
 * @param custodian the agency that holds the log (a Flock portal's agency; the file's agency)
 * @param custodianJurisdiction where the custodian is ({@code US-CA}), whose law protects its data
 * @param sharedAccess true when the row is another organisation's access to the custodian's data (a Flock network
 *     audit, a request to Firebreak); false when it is the custodian's own users' search
 */
public record AuditEvent(String id, Location location, Optional<Instant> time, Optional<String> user,
    Optional<String> organization, Optional<AgencyLevel> level, Optional<Component> component,
    Optional<String> requesterJurisdiction, Optional<String> onBehalfOf, Optional<AgencyLevel> onBehalfOfLevel,
    Optional<String> onBehalfOfJurisdiction, List<TaskForce> taskForces, String reason,
    Optional<String> caseNumber, Optional<String> offenseType, Optional<String> subject, OptionalLong networks,
    OptionalLong devices, Optional<TimeRange> timeFrame, Optional<String> searchType, List<SourceKind> sources,
    List<Category> categories, Optional<LegalProcessType> legalProcess, Optional<String> custodian, Optional<String> custodianJurisdiction, boolean sharedAccess) {

  public AuditEvent {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(requesterJurisdiction, "requesterJurisdiction");
    Objects.requireNonNull(onBehalfOf, "onBehalfOf");
    Objects.requireNonNull(onBehalfOfLevel, "onBehalfOfLevel");
    Objects.requireNonNull(onBehalfOfJurisdiction, "onBehalfOfJurisdiction");
    taskForces = List.copyOf(taskForces);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(caseNumber, "caseNumber");
    Objects.requireNonNull(offenseType, "offenseType");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(networks, "networks");
    Objects.requireNonNull(devices, "devices");
    Objects.requireNonNull(timeFrame, "timeFrame");
    Objects.requireNonNull(searchType, "searchType");
    sources = List.copyOf(sources);
    categories = List.copyOf(categories);
    Objects.requireNonNull(legalProcess, "legalProcess");
    Objects.requireNonNull(custodian, "custodian");
    Objects.requireNonNull(custodianJurisdiction, "custodianJurisdiction");
  }

  /** The requester as a reader would name it: the organisation, else the user, else "unknown requester". */
  public String requesterName() {
    if (organization.isPresent()) {
      return organization.get();
    }
    if (custodian.isPresent() && !sharedAccess) {
      return custodian.get();
    }
    return user.orElse("unknown requester");
  }

  /** This event at another time (the simulator's evaluation puts each request back at its scenario time). */
  public AuditEvent withTime(Optional<Instant> at) {
    return new AuditEvent(id, location, at, user, organization, level, component, requesterJurisdiction, onBehalfOf,
        onBehalfOfLevel, onBehalfOfJurisdiction, taskForces, reason, caseNumber, offenseType, subject, networks,
        devices, timeFrame, searchType, sources, categories, legalProcess, custodian, custodianJurisdiction,
        sharedAccess);
  }

  public static Builder builder(String id, Location location) {
    return new Builder(id, location);
  }

  /** Builds an event field by field; every field not set is empty. */
  public static final class Builder {
    private final String id;
    private final Location location;
    private Optional<Instant> time = Optional.empty();
    private Optional<String> user = Optional.empty();
    private Optional<String> organization = Optional.empty();
    private Optional<AgencyLevel> level = Optional.empty();
    private Optional<Component> component = Optional.empty();
    private Optional<String> requesterJurisdiction = Optional.empty();
    private Optional<String> onBehalfOf = Optional.empty();
    private Optional<AgencyLevel> onBehalfOfLevel = Optional.empty();
    private Optional<String> onBehalfOfJurisdiction = Optional.empty();
    private List<TaskForce> taskForces = List.of();
    private String reason = "";
    private Optional<String> caseNumber = Optional.empty();
    private Optional<String> offenseType = Optional.empty();
    private Optional<String> subject = Optional.empty();
    private OptionalLong networks = OptionalLong.empty();
    private OptionalLong devices = OptionalLong.empty();
    private Optional<TimeRange> timeFrame = Optional.empty();
    private Optional<String> searchType = Optional.empty();
    private List<SourceKind> sources = List.of();
    private List<Category> categories = List.of();
    private Optional<LegalProcessType> legalProcess = Optional.empty();
    private Optional<String> custodian = Optional.empty();
    private Optional<String> custodianJurisdiction = Optional.empty();
    private boolean sharedAccess;

    private Builder(String id, Location location) {
      this.id = id;
      this.location = location;
    }

    public Builder time(Optional<Instant> v) { time = v; return this; }
    public Builder user(Optional<String> v) { user = v; return this; }
    public Builder organization(Optional<String> v) { organization = v; return this; }
    public Builder level(Optional<AgencyLevel> v) { level = v; return this; }
    public Builder component(Optional<Component> v) { component = v; return this; }
    public Builder requesterJurisdiction(Optional<String> v) { requesterJurisdiction = v; return this; }
    public Builder onBehalfOf(Optional<String> v) { onBehalfOf = v; return this; }
    public Builder onBehalfOfLevel(Optional<AgencyLevel> v) { onBehalfOfLevel = v; return this; }
    public Builder onBehalfOfJurisdiction(Optional<String> v) { onBehalfOfJurisdiction = v; return this; }
    public Builder taskForces(List<TaskForce> v) { taskForces = v; return this; }
    public Builder reason(String v) { reason = v; return this; }
    public Builder caseNumber(Optional<String> v) { caseNumber = v; return this; }
    public Builder offenseType(Optional<String> v) { offenseType = v; return this; }
    public Builder subject(Optional<String> v) { subject = v; return this; }
    public Builder networks(OptionalLong v) { networks = v; return this; }
    public Builder devices(OptionalLong v) { devices = v; return this; }
    public Builder timeFrame(Optional<TimeRange> v) { timeFrame = v; return this; }
    public Builder searchType(Optional<String> v) { searchType = v; return this; }
    public Builder sources(List<SourceKind> v) { sources = v; return this; }
    public Builder categories(List<Category> v) { categories = v; return this; }
    public Builder legalProcess(Optional<LegalProcessType> v) { legalProcess = v; return this; }
    public Builder custodian(Optional<String> v) { custodian = v; return this; }
    public Builder custodianJurisdiction(Optional<String> v) { custodianJurisdiction = v; return this; }
    public Builder sharedAccess(boolean v) { sharedAccess = v; return this; }

    public AuditEvent build() {
      return new AuditEvent(id, location, time, user, organization, level, component, requesterJurisdiction,
          onBehalfOf, onBehalfOfLevel, onBehalfOfJurisdiction, taskForces, reason, caseNumber, offenseType, subject,
          networks, devices, timeFrame, searchType, sources, categories, legalProcess, custodian,
          custodianJurisdiction, sharedAccess);
    }
  }
}
