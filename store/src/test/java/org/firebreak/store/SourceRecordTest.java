package org.firebreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.firebreak.core.model.InvalidFieldException;
import org.firebreak.core.model.Jurisdiction;
import org.firebreak.core.vocab.Category;
import org.firebreak.core.vocab.SourceKind;
import org.firebreak.store.StoreException.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceRecordTest extends StoreTestBase {

  @BeforeEach
  void setUp() {
    basics();
  }

  @Test
  void sourcesRoundTripWithFieldOrderAndSearchableFields() {
    Map<String, Category> fields = new LinkedHashMap<>();
    fields.put("plate", Category.ALPR_READ);
    fields.put("camera", Category.ALPR_READ);
    fields.put("time", Category.SCHEDULE);
    fields.put("image", Category.BIOMETRIC_PHOTO);
    Source alpr = new Source("sf-alpr", SourceKind.ALPR, Jurisdiction.of("US-CA-SF"), "sfpd", fields,
        List.of("plate", "camera"));
    store.sources().create(alpr);
    // Read through a second store (no cache) and through the first.
    Source read = openAgain().sources().get("sf-alpr").orElseThrow();
    assertThat(read).isEqualTo(alpr);
    assertThat(read.fields().keySet()).containsExactly("plate", "camera", "time", "image");
    assertThat(read.searchable()).containsExactly("plate", "camera");
    assertThat(store.sources().get("sf-alpr")).contains(alpr);
    assertThat(store.sources().list()).containsExactly(store.sources().get("ca-dmv").orElseThrow(), alpr);
    assertThat(read.categories()).containsExactly(Category.ALPR_READ, Category.SCHEDULE, Category.BIOMETRIC_PHOTO);
    assertThat(store.sources().get("nope")).isEmpty();
  }

  @Test
  void sourceConstraints() {
    assertThatThrownBy(() -> store.sources().create(dmv("ca-dmv", "sfpd")))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.DUPLICATE));
    assertThatThrownBy(() -> store.sources().create(dmv("other", "nowhere")))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_REFERENCE))
        .hasMessageContaining("agency 'nowhere'");
    assertThat(store.sources().list()).extracting(Source::id).containsExactly("ca-dmv");
    long fieldRows = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM source_fields")
        .mapTo(Long.class).one());
    assertThat(fieldRows).isEqualTo(5);
    assertThatThrownBy(() -> new Source("s", SourceKind.DMV, Jurisdiction.of("US"), "a",
        Map.of("a", Category.IDENTITY), List.of("b")))
        .isInstanceOf(InvalidFieldException.class).hasMessageContaining("'b' is not one of the source's fields");
    assertThatThrownBy(() -> new Source("s", SourceKind.DMV, Jurisdiction.of("US"), "a", Map.of(), List.of()))
        .isInstanceOf(InvalidFieldException.class);
  }

  @Test
  void recordsRoundTrip() {
    StoredRecord r = new StoredRecord("ca-dmv", "d-1", Map.of("name", "José Ñúñez", "dob", "1990-01-02",
        "plate", "7ABC123", "address", "1 \"Quoted\" St\n\tApt \\2", "photo", "data:image/png;base64,AAAA"));
    StoredRecord sparse = new StoredRecord("ca-dmv", "d-2", Map.of("name", "No Plate"));
    assertThat(store.records().ingest("ca-dmv", List.of(r, sparse))).isEqualTo(new IngestResult(2, 0));
    assertThat(store.records().get("ca-dmv", "d-1")).contains(r);
    assertThat(store.records().get("ca-dmv", "d-2")).contains(sparse);
    assertThat(store.records().get("ca-dmv", "d-3")).isEmpty();
    assertThat(store.records().count("ca-dmv")).isEqualTo(2);
    assertThat(store.records().lookup("ca-dmv", Map.of("name", "José Ñúñez"), 10)).containsExactly(r);
  }

  @Test
  void ingestIsIdempotentAndReplacesByIdIncludingTheSearchKeys() {
    List<StoredRecord> batch = List.of(person("ca-dmv", "d-1", "Ann", "1980-01-01", "1AAA111"),
        person("ca-dmv", "d-2", "Bob", "1981-01-01", "2BBB222"));
    assertThat(store.records().ingest("ca-dmv", batch)).isEqualTo(new IngestResult(2, 0));
    assertThat(store.records().ingest("ca-dmv", batch)).isEqualTo(new IngestResult(0, 2));
    assertThat(store.records().count("ca-dmv")).isEqualTo(2);
    assertThat(keyRows()).isEqualTo(6);

    StoredRecord moved = person("ca-dmv", "d-1", "Ann", "1980-01-01", "9NEW999");
    assertThat(store.records().ingest("ca-dmv", List.of(moved, person("ca-dmv", "d-3", "Cy", "1982-01-01",
        "3CCC333")))).isEqualTo(new IngestResult(1, 1));
    assertThat(store.records().get("ca-dmv", "d-1")).contains(moved);
    assertThat(store.records().lookup("ca-dmv", Map.of("plate", "1AAA111"), 10)).isEmpty();
    assertThat(store.records().lookup("ca-dmv", Map.of("plate", "9NEW999"), 10)).containsExactly(moved);
    assertThat(keyRows()).isEqualTo(9);
    assertThat(store.records().ingest("ca-dmv", List.of())).isEqualTo(new IngestResult(0, 0));
  }

  @Test
  void aBatchWithOneBadRecordStoresNothingAndReplacesNothing() {
    StoredRecord original = person("ca-dmv", "d-1", "Ann", "1980-01-01", "1AAA111");
    store.records().ingest("ca-dmv", List.of(original));
    List<StoredRecord> batch = new ArrayList<>();
    for (int i = 0; i < 1200; i++) { // several chunks
      batch.add(person("ca-dmv", "n-" + i, "N" + i, "1990-01-01", "P" + i));
    }
    batch.add(1, person("ca-dmv", "d-1", "Changed", "1980-01-01", "CHANGED"));
    batch.add(1100, new StoredRecord("ca-dmv", "bad", Map.of("name", "x", "ssn", "123-45-6789")));
    assertThatThrownBy(() -> store.records().ingest("ca-dmv", batch))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.INVALID);
          assertThat(e.item()).hasValue(1100);
        })
        .hasMessageContaining("record 1100").hasMessageContaining("'bad'").hasMessageContaining("'ssn'");
    assertThat(store.records().count("ca-dmv")).isEqualTo(1);
    assertThat(store.records().get("ca-dmv", "d-1")).contains(original);
    assertThat(keyRows()).isEqualTo(3);

    // The same for the other refusals: another source's record, an id twice, an over-long searchable value.
    List<List<StoredRecord>> bad = List.of(
        List.of(original, new StoredRecord("other", "x", Map.of())),
        List.of(person("ca-dmv", "a", "A", "1", "1"), person("ca-dmv", "a", "B", "2", "2")),
        List.of(person("ca-dmv", "a", "x".repeat(RecordRepository.MAX_SEARCHABLE_VALUE + 1), "1", "1")));
    for (List<StoredRecord> b : bad) {
      assertThatThrownBy(() -> store.records().ingest("ca-dmv", b)).isInstanceOf(StoreException.class);
    }
    assertThat(store.records().count("ca-dmv")).isEqualTo(1);
    assertThatThrownBy(() -> store.records().ingest("no-such-source", List.of(original)))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
  }

  @Test
  void aFailureInsideTheTransactionRollsBackEverythingWrittenBeforeIt() {
    // A caller's transaction that fails after an ingest: the ingest is undone with it.
    assertThatThrownBy(() -> store.useTransaction(() -> {
      store.records().ingest("ca-dmv", List.of(person("ca-dmv", "d-1", "Ann", "1980-01-01", "1AAA111")));
      store.agencies().create(agency("sfpd")); // duplicate: refused
    })).isInstanceOf(StoreException.class);
    assertThat(store.records().count("ca-dmv")).isZero();
    assertThat(keyRows()).isZero();
  }

  @Test
  void lookupMatchesExactlyOnEverySearchableFieldAndRespectsTheLimit() {
    List<StoredRecord> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(person("ca-dmv", String.format("d-%02d", i), i % 2 == 0 ? "Smith" : "Jones",
          "1990-01-" + String.format("%02d", i % 5 + 1), "P" + i));
    }
    store.records().ingest("ca-dmv", batch);
    assertThat(store.records().lookup("ca-dmv", Map.of("name", "Smith"), 100)).hasSize(25);
    assertThat(store.records().lookup("ca-dmv", Map.of("name", "smith"), 100)).isEmpty();
    assertThat(store.records().lookup("ca-dmv", Map.of("name", "Smit"), 100)).isEmpty();
    List<StoredRecord> both = store.records().lookup("ca-dmv", Map.of("name", "Smith", "dob", "1990-01-01"), 100);
    assertThat(both).extracting(StoredRecord::id).containsExactly("d-00", "d-10", "d-20", "d-30", "d-40");
    assertThat(store.records().lookup("ca-dmv", Map.of("name", "Smith", "dob", "1990-01-01", "plate", "P20"), 100))
        .extracting(StoredRecord::id).containsExactly("d-20");
    assertThat(store.records().lookup("ca-dmv", Map.of("name", "Smith"), 3)).extracting(StoredRecord::id)
        .containsExactly("d-00", "d-02", "d-04");
    assertThat(store.records().lookup("ca-dmv", Map.of("plate", "x".repeat(1000)), 3)).isEmpty();

    assertThatThrownBy(() -> store.records().lookup("ca-dmv", Map.of("address", "1 Main St"), 10))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
        .hasMessageContaining("'address'").hasMessageContaining("not searchable");
    assertThatThrownBy(() -> store.records().lookup("ca-dmv", Map.of(), 10)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.records().lookup("ca-dmv", Map.of("name", "Smith"), 0))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.records().lookup("nope", Map.of("name", "Smith"), 1))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
  }

  @Test
  void deleteRemovesTheRecordAndItsKeys() {
    store.records().ingest("ca-dmv", List.of(person("ca-dmv", "d-1", "Ann", "1980-01-01", "1AAA111")));
    assertThat(store.records().delete("ca-dmv", "d-1")).isTrue();
    assertThat(store.records().delete("ca-dmv", "d-1")).isFalse();
    assertThat(store.records().lookup("ca-dmv", Map.of("name", "Ann"), 1)).isEmpty();
    assertThat(keyRows()).isZero();
  }

  @Test
  void recordValuesThatNoDatabaseCanKeepAreRefusedByTheRecord() {
    assertThatThrownBy(() -> new StoredRecord("s", "r", Map.of("a", "x\0y")))
        .isInstanceOf(InvalidFieldException.class).hasMessageContaining("U+0000");
    assertThatThrownBy(() -> new StoredRecord("s", "r\n", Map.of()))
        .isInstanceOf(InvalidFieldException.class).hasMessageContaining("control");
  }

  private long keyRows() {
    return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM record_keys").mapTo(Long.class).one());
  }
}
