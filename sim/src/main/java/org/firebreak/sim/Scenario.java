package org.firebreak.sim;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** A month of requests against a city, in the order they are sent. */
public record Scenario(long seed, List<ScenarioRequest> requests) {
  public Scenario {
    requests = List.copyOf(requests);
  }

  /** SHA-256 over every request's sender, time, body and label: the scenario's fingerprint. */
  public String digest() {
    MessageDigest md = City.sha256();
    City.update(md, "seed " + seed);
    for (ScenarioRequest r : requests) {
      City.update(md, r.seq() + " " + r.at() + " " + r.memberId() + " " + r.story());
      City.update(md, r.body().toString());
      City.update(md, r.label().toString());
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }
}
