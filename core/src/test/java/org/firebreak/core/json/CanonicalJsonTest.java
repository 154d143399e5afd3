package org.firebreak.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.firebreak.core.model.DecisionRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 8785 (JSON Canonicalization Scheme). Expected values are taken from the RFC text: § 3.2.2 (serialisation
 * of primitives), § 3.2.3 (sorting), § 3.2.4 (the complete example), Appendix B (number serialisation samples).
 */
class CanonicalJsonTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private static String c(String json) {
    return CanonicalJson.canonicalString(json);
  }

  @Test
  void rfc8785Section323SortingExample() {
    // RFC 8785 § 3.2.3 input, as JSON escapes.
    String input = """
        {
          "\\u20ac": "Euro Sign",
          "\\r": "Carriage Return",
          "\\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\\ud83d\\ude00": "Emoji: Grinning Face",
          "\\u0080": "Control",
          "\\u00f6": "Latin Small Letter O With Diaeresis"
        }
        """;
    // The RFC's expected property order: \r, 1, \u0080, \u00f6, \u20ac, \ud83d\ude00, \ufb33 (UTF-16 code units;
    // by code points U+1F600 would sort after U+FB33). Non-ASCII stays literal; \r is escaped as \r.
    String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
    assertThat(c(input)).isEqualTo(expected);
  }

  @Test
  void rfc8785Section324CompleteExample() {
    String input = """
        {
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
          "literals": [null, true, false]
        }
        """;
    String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    assertThat(c(input)).isEqualTo(expected);
    // The RFC also gives the UTF-8 bytes of the output; spot-check the Euro sign (e2 82 ac) and the total length.
    byte[] bytes = CanonicalJson.canonicalize(input);
    assertThat(bytes).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    assertThat(bytes).hasSize(expected.getBytes(StandardCharsets.UTF_8).length);
    int euro = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\u00e2\u0082\u00ac");
    assertThat(euro).isPositive();
  }

  @Test
  void whitespaceBetweenTokensIsRemoved() {
    String input = " \t\r\n{ \"a\" :\t[ 1 ,\n 2 , { \"b\" : null } ] ,\r\n \"c\" : \"x  y\" } \n";
    assertThat(c(input)).isEqualTo("{\"a\":[1,2,{\"b\":null}],\"c\":\"x  y\"}");
  }

  @Test
  void literalsAndEmptyContainers() {
    assertThat(c("[ true , false , null , { } , [ ] , \"\" ]")).isEqualTo("[true,false,null,{},[],\"\"]");
  }

  @Test
  void arrayOrderIsKept() {
    assertThat(c("[3, 1, 2, \"b\", \"a\"]")).isEqualTo("[3,1,2,\"b\",\"a\"]");
  }

  @Test
  void nestedKeysAreSortedAtEveryLevel() {
    String input = "{\"b\": {\"d\": 1, \"c\": {\"z\": true, \"y\": false}}, \"a\": [{\"z\": 1, \"y\": 2}, {\"b\": 0, \"a\": 0}]}";
    assertThat(c(input))
        .isEqualTo("{\"a\":[{\"y\":2,\"z\":1},{\"a\":0,\"b\":0}],\"b\":{\"c\":{\"y\":false,\"z\":true},\"d\":1}}");
  }

  @Test
  void keysSortByCodeUnitsNotByLocale() {
    // Upper case (0x41..) before lower case (0x61..), "_" (0x5f) between them, shorter prefix first.
    assertThat(c("{\"b\":1,\"a\":2,\"B\":3,\"_\":4,\"aa\":5,\"A\":6}"))
        .isEqualTo("{\"A\":6,\"B\":3,\"_\":4,\"a\":2,\"aa\":5,\"b\":1}");
  }

  /** The library canonicalises objects and arrays (what the model produces), so strings are tested inside one. */
  private static String str(String jsonStringLiteral) {
    String out = c("[" + jsonStringLiteral + "]");
    assertThat(out).startsWith("[").endsWith("]");
    return out.substring(1, out.length() - 1);
  }

  @Test
  void controlCharactersAreEscapedAsLowerCaseHex() {
    // RFC 8785 § 3.2.2.2: U+0000..U+001F as backslash-u-00hh with lower-case hex, except the five short escapes.
    assertThat(str("\"\\u0000\\u0001\\u001F\\u000B\\u001a\""))
        .isEqualTo("\"\\u0000\\u0001\\u001f\\u000b\\u001a\"");
  }

  @Test
  void shortEscapes() {
    assertThat(str("\"\\u0008\\u0009\\u000A\\u000C\\u000D\"")).isEqualTo("\"\\b\\t\\n\\f\\r\"");
    assertThat(str("\"\\b\\t\\n\\f\\r\"")).isEqualTo("\"\\b\\t\\n\\f\\r\"");
  }

  @Test
  void quoteAndBackslashAreEscaped() {
    assertThat(str("\"\\u0022\\u005C\"")).isEqualTo("\"\\\"\\\\\"");
  }

  @Test
  void solidusIsNotEscaped() {
    assertThat(str("\"a\\/b/c\"")).isEqualTo("\"a/b/c\"");
  }

  @Test
  void unnecessaryEscapesOfPrintableAsciiAreDropped() {
    assertThat(str("\"\\u0041\\u0062\\u0020\\u0027\"")).isEqualTo("\"Ab '\"");
  }

  @Test
  void nonAsciiIsLiteralUtf8() {
    assertThat(str("\"\\u00e9\\u20AC\\ud83d\\ude00\\u007f\"")).isEqualTo("\"\u00e9\u20ac\ud83d\ude00\u007f\"");
    byte[] bytes = CanonicalJson.canonicalize("[\"\\u00e9\"]");
    assertThat(bytes).containsExactly('[', '"', 0xc3, 0xa9, '"', ']');
    byte[] euro = CanonicalJson.canonicalize("{\"\u20ac\":1}");
    assertThat(euro).containsExactly('{', '"', 0xe2, 0x82, 0xac, '"', ':', '1', '}');
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // Examples from the task and RFC 8785 § 3.2.4
      "1E30 | 1e+30",
      "4.50 | 4.5",
      "2e-3 | 0.002",
      "0.000001 | 0.000001",
      "1e-7 | 1e-7",
      "-0 | 0",
      "-0.0 | 0",
      "0 | 0",
      "333333333.33333329 | 333333333.3333333",
      "1E21 | 1e+21",
      "1E20 | 100000000000000000000",
      "0.000000000000000000000000001 | 1e-27",
      // ECMAScript Number.prototype.toString (which RFC 8785 adopts), by hand
      "10 | 10",
      "-1 | -1",
      "1.0 | 1",
      "123e-2 | 1.23",
      "-2.5E+3 | -2500",
      "1e23 | 1e+23",
      "0.1 | 0.1",
      "100 | 100",
  })
  void numbers(String in, String out) {
    assertThat(c("[" + in + "]")).isEqualTo("[" + out + "]");
  }

  @ParameterizedTest(name = "0x{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // RFC 8785 Appendix B: IEEE 754 bit pattern | expected serialisation
      "0000000000000000 | 0",
      "8000000000000000 | 0",
      "0000000000000001 | 5e-324",
      "8000000000000001 | -5e-324",
      "7fefffffffffffff | 1.7976931348623157e+308",
      "ffefffffffffffff | -1.7976931348623157e+308",
      "4340000000000000 | 9007199254740992",
      "c340000000000000 | -9007199254740992",
      "4430000000000000 | 295147905179352830000",
      "44b52d02c7e14af5 | 9.999999999999997e+22",
      "44b52d02c7e14af6 | 1e+23",
      "44b52d02c7e14af7 | 1.0000000000000001e+23",
      "444b1ae4d6e2ef4e | 999999999999999700000",
      "444b1ae4d6e2ef4f | 999999999999999900000",
      "444b1ae4d6e2ef50 | 1e+21",
      "3eb0c6f7a0b5ed8c | 9.999999999999997e-7",
      "3eb0c6f7a0b5ed8d | 0.000001",
      "41b3de4355555553 | 333333333.3333332",
      "41b3de4355555554 | 333333333.33333325",
      "41b3de4355555555 | 333333333.3333333",
      "41b3de4355555556 | 333333333.3333334",
      "41b3de4355555557 | 333333333.33333343",
      "becbf647612f3696 | -0.0000033333333333333333",
      "43143ff3c1cb0959 | 1424953923781206.2",
  })
  void appendixB(String hex, String out) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    // Java's shortest round-trip decimal form (e.g. 1.0E23) is valid JSON and denotes exactly this double.
    String in = Double.toString(d);
    assertThat(c("[" + in + "]")).isEqualTo("[" + out + "]");
    // The expected text itself must canonicalise to itself.
    assertThat(c("[" + out + "]")).isEqualTo("[" + out + "]");
  }

  @Test
  void rejectsNonJson() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void canonicalStringIsTheUtf8DecodingOfCanonicalize() {
    String input = "{\"\u00f6\": \"\u20ac\", \"a\": [1.50]}";
    assertThat(CanonicalJson.canonicalize(input))
        .isEqualTo(CanonicalJson.canonicalString(input).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void equalRecordsCanonicaliseIdenticallyWhateverTheSourceFieldOrder() {
    StrictJson strict = new StrictJson();
    String a = StrictJsonTest.DESIGN_EXAMPLE;
    String b = """
        {"time": "2026-11-20T10:00:00Z",
         "sources": [{"categories": ["dmv.record", "dmv.photo", "address.home"], "jurisdiction": "US-CA",
                      "kind": "DMV", "id": "ca-dmv"}],
         "legalProcess": {"reference": "I-200", "issuer": "AGENCY_OFFICER", "type": "ADMINISTRATIVE_WARRANT"},
         "caseNumber": "26-01628",
         "justification": "free text as typed by the requester",
         "purpose": "COUNTERTERRORISM",
         "onBehalfOf": null,
         "requester": {"certifications": [], "taskForces": [],
           "agency": {"jurisdiction": "US", "component": "ICE_ERO", "level": "FEDERAL",
                      "name": "ICE ERO San Francisco", "id": "ice-ero-sfr"},
           "id": "u-17"}}
        """;
    DecisionRequest ra = strict.read(a, DecisionRequest.class, "a.json");
    DecisionRequest rb = strict.read(b, DecisionRequest.class, "b.json");
    assertThat(ra).isEqualTo(rb);
    byte[] ca = CanonicalJson.canonicalize(strict.write(ra));
    byte[] cb = CanonicalJson.canonicalize(strict.write(rb));
    assertThat(ca).isEqualTo(cb);
    // Also the same bytes through the tree form, and the source texts themselves canonicalise alike.
    assertThat(CanonicalJson.canonicalize(strict.toTree(ra).toString())).isEqualTo(ca);
    assertThat(CanonicalJson.canonicalize(a)).isEqualTo(CanonicalJson.canonicalize(b));
  }

  // ---- the tree form (what the gateway's ledger entries and commitments go through) ------------------------

  private static String tree(String json) throws Exception {
    return new String(CanonicalJson.canonicalize(PLAIN.readTree(json)), StandardCharsets.UTF_8);
  }

  @Test
  void treeFormGivesTheRfcExamples() throws Exception {
    // RFC 8785 § 3.2.3 (sorting) and § 3.2.4 (the complete example: its numbers are fractions, which the library
    // writes), as in the two tests above.
    assertThat(tree("{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Dalet\",\"1\":\"One\","
        + "\"\\ud83d\\ude00\":\"Emoji\",\"\\u0080\":\"Control\",\"\\u00f6\":\"o\"}"))
        .isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"o\","
            + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji\",\"\ufb33\":\"Dalet\"}");
    assertThat(tree("""
        {"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
         "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
         "literals": [null, true, false]}
        """)).isEqualTo("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void treeFormEscapesStringsAsRfc8785Says() throws Exception {
    // § 3.2.2.2: the five short escapes, quote and backslash, other controls as lower-case backslash-u-00hh, the rest literal.
    assertThat(tree("[\"\\u0000\\u001F\\u000B\\b\\t\\n\\f\\r\\\"\\\\/\\u007f\\u2028\\ud83d\\ude00\"]"))
        .isEqualTo("[\"\\u0000\\u001f\\u000b\\b\\t\\n\\f\\r\\\"\\\\/\u007f\u2028\ud83d\ude00\"]");
    // Integers up to 2^53 as integers, nested containers sorted at every level, literals.
    assertThat(tree("{\"b\":[9007199254740992,-9007199254740992,0],\"a\":{\"z\":null,\"y\":true,\"x\":false}}"))
        .isEqualTo("{\"a\":{\"x\":false,\"y\":true,\"z\":null},\"b\":[9007199254740992,-9007199254740992,0]}");
  }

  @Test
  void treeFormRefusesABareScalar() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize(PLAIN.getNodeFactory().textNode("x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Provide
  Arbitrary<Map<String, Object>> wideObjects() {
    // Every kind of character a body may hold, lone surrogates included, and numbers of every kind.
    Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\u00ff')
        .withChars('\u2028', '\u20ac', '\ud800', '\udc00', '\ud83d', '\ude00', '\ufb33', '\uffff').ofMaxLength(8);
    Arbitrary<Object> scalars = Arbitraries.oneOf(
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.bigIntegers().between(java.math.BigInteger.ONE.shiftLeft(70).negate(),
            java.math.BigInteger.ONE.shiftLeft(70)).map(b -> (Object) b),
        text.map(t -> (Object) t),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just((Object) null));
    Arbitrary<Object> inner = Arbitraries.maps(text, scalars).ofMaxSize(4).map(m -> (Object) m);
    Arbitrary<Object> lists = scalars.list().ofMaxSize(4).map(l -> (Object) l);
    return Arbitraries.maps(text, Arbitraries.oneOf(scalars, inner, lists)).ofMaxSize(6);
  }

  /** The library's answer to the tree printed, or the kind of exception it throws. */
  private static Object viaText(JsonNode node) {
    try {
      return new String(CanonicalJson.canonicalize(node.toString()), StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  private static Object viaTree(JsonNode node) {
    try {
      return new String(CanonicalJson.canonicalize(node), StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  @Property(tries = 1000)
  void treeFormAgreesWithTheLibrary(@ForAll("wideObjects") Map<String, Object> value) {
    JsonNode node = PLAIN.valueToTree(value);
    assertThat(viaTree(node)).isEqualTo(viaText(node));
  }

  @Property(tries = 500)
  void aPartCanonicalisedBeforeIsWrittenAsItIs(@ForAll("wideObjects") Map<String, Object> part,
      @ForAll("wideObjects") Map<String, Object> rest) {
    // A part canonicalised once and held by another tree gives the same document as the part itself, whether the
    // direct writer or the library (a tree with fractions or big integers) writes the rest.
    JsonNode partTree = PLAIN.valueToTree(part);
    com.fasterxml.jackson.databind.node.ObjectNode whole = PLAIN.valueToTree(rest);
    whole.set("part", partTree);
    Object expected = viaTree(whole);
    CanonicalJson.Canonical canonical;
    try {
      canonical = CanonicalJson.canonical(partTree);
    } catch (RuntimeException e) {
      assertThat(expected).isEqualTo(e.getClass()); // a part the library refuses makes the whole refused too
      return;
    }
    assertThat(canonical.text()).isEqualTo(viaTree(partTree));
    com.fasterxml.jackson.databind.node.ObjectNode holding = PLAIN.valueToTree(rest);
    holding.set("part", canonical.node());
    assertThat(viaTree(holding)).isEqualTo(expected);
    // Printed by Jackson, the held part is its canonical text, so the printed tree means the same.
    assertThat(viaText(holding)).isEqualTo(expected);
  }

  @Test
  void longStringsWithEscapesHereAndThereKeepEveryCharacter() throws Exception {
    // Runs without escapes are copied whole: what lies between the escapes must come through unchanged.
    String in = "[\"" + "a".repeat(40) + "\\\"bbb\\n\\u0001\u00e9\u20ac\ud83d\ude00" + "c".repeat(50) + "\"]";
    assertThat(tree(in)).isEqualTo("[\"" + "a".repeat(40) + "\\\"bbb\\n\\u0001\u00e9\u20ac\ud83d\ude00"
        + "c".repeat(50) + "\"]");
  }

  // ---- properties ------------------------------------------------------------------------------------------

  @Provide
  Arbitrary<Map<String, Object>> objects() {
    Arbitrary<String> keys = Arbitraries.strings().withCharRange('\u0000', '\u00ff').withChars('\u20ac', '\ufb33')
        .ofMaxLength(6);
    Arbitrary<Object> scalars = Arbitraries.oneOf(
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.longs().between(-(1L << 53), 1L << 53).map(l -> (Object) l),
        keys.map(s -> (Object) s),
        Arbitraries.of(true, false).map(b -> (Object) b));
    Arbitrary<Object> inner = Arbitraries.maps(keys, scalars).ofMaxSize(4).map(m -> (Object) m);
    Arbitrary<Object> lists = scalars.list().ofMaxSize(4).map(l -> (Object) l);
    return Arbitraries.maps(keys, Arbitraries.oneOf(scalars, inner, lists)).ofMaxSize(6);
  }

  @Property(tries = 300)
  void canonicalisingTwiceIsIdempotent(@ForAll("objects") Map<String, Object> value) throws Exception {
    String once = c(PLAIN.writeValueAsString(value));
    assertThat(c(once)).isEqualTo(once);
  }

  @Property(tries = 300)
  void canonicalFormKeepsTheValue(@ForAll("objects") Map<String, Object> value) throws Exception {
    String text = PLAIN.writeValueAsString(value);
    JsonNode before = PLAIN.readTree(text);
    JsonNode after = PLAIN.readTree(c(text));
    assertThat(after).isEqualTo(before);
  }

  @Property(tries = 300)
  void keyOrderDoesNotMatter(@ForAll("objects") Map<String, Object> value, @ForAll long seed) throws Exception {
    List<String> keys = new ArrayList<>(value.keySet());
    Collections.shuffle(keys, new Random(seed));
    Map<String, Object> shuffled = new LinkedHashMap<>();
    for (String k : keys) {
      shuffled.put(k, value.get(k));
    }
    assertThat(c(PLAIN.writeValueAsString(shuffled))).isEqualTo(c(PLAIN.writeValueAsString(value)));
  }

  @Property(tries = 200)
  void integersInTheSafeRangePrintAsIntegers(@ForAll("safeLongs") long n) {
    assertThat(c("[" + n + "]")).isEqualTo("[" + n + "]");
  }

  @Provide
  Arbitrary<Long> safeLongs() {
    return Arbitraries.longs().between(-(1L << 53), 1L << 53);
  }
}
