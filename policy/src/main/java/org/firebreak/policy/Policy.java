package org.firebreak.policy;

import java.nio.file.Path;
import org.firebreak.core.json.StrictJson;
import org.firebreak.policy.cel.RuleLanguage;
import org.firebreak.policy.pack.PackLoader;

/**
 * The policy module's wiring in one place: the condition language, the loader, the library of packs and the
 * engine over a set of them. Applications build one and keep it.
 */
public final class Policy {
  private final StrictJson json;
  private final PackLoader loader;
  private final PackLibrary library;
  private final PurposeInference inference;

  public Policy(StrictJson json) {
    this.json = json;
    this.loader = new PackLoader(new RuleLanguage(), json);
    this.library = new PackLibrary(loader);
    this.inference = new PurposeInference(new ImmigrationTextClassifier());
  }

  public PackLoader loader() {
    return loader;
  }

  public PackLibrary library() {
    return library;
  }

  public StrictJson json() {
    return json;
  }

  /** An engine over the shipped packs. */
  public PolicyEngine shippedEngine() {
    return engine(library.shipped());
  }

  /** An engine over the packs of a directory. */
  public PolicyEngine engine(Path packDir) {
    return engine(library.directory(packDir));
  }

  public PolicyEngine engine(PackLibrary.Loaded loaded) {
    return new PolicyEngine(loaded.packs(), inference);
  }
}
