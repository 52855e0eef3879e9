package dev.sluice.fields.extract;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** JSON extraction: members and their types, null, bounds, and malformed or hostile input. */
class JsonExtractorTest {
    private static final int ONE_MB = 1024 * 1024;
    private final JsonExtractor json = new JsonExtractor();
    private final ExtractedFields out = new ExtractedFields();

    /** key → value, with JSON values written as {@code json:<text>}. */
    private Map<String, String> members(String message) {
        boolean found = json.extract(message, out);
        assertThat(found).isEqualTo(out.size() > 0);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) {
            m.put(out.key(i), (out.isJson(i) ? "json:" : "") + out.value(i));
        }
        return m;
    }

    @Test
    void aNestedObjectWithDuplicateKeysIsNotExtractedSinceStrictConsumersWouldRefuseTheDocument() {
        // Found by HostileInputFuzzTest: nested values are shipped as written, duplicates and all.
        assertThat(json.extract("{\"n\":{\"a\":1,\"a\":2}}", out)).isFalse();
        assertThat(json.extract("{\"n\":[{\"a\":{\"b\":1,\"b\":2}}]}", out)).isFalse();
        assertThat(json.extract("{\"n\":{\"x\\u0041\":1,\"xA\":2}}", out)).isFalse(); // the same name once unescaped
        assertThat(out.size()).isZero();
        // The same key in sibling objects is no duplicate, and top-level duplicates are renamed by the composer.
        assertThat(json.extract("{\"n\":{\"a\":1},\"m\":{\"a\":2},\"k\":3,\"k\":4}", out)).isTrue();
        assertThat(out.size()).isEqualTo(4);
    }

    @Test
    void topLevelMembersKeepTheirJsonTypes() {
        assertThat(members(" {\"user\":\"xiao ming\", \"amount\": 12.5, \"reason\":103, \"ok\":true, \"bad\":false,"
                + " \"big\": 123456789012345678901234567890, \"exp\": -1.5e3,"
                + " \"cart\": { \"items\" : [1, \"two\", {\"n\": null}] }, \"tags\": [ ] } \n"))
                .containsExactly(
                        entry("user", "xiao ming"),
                        entry("amount", "json:12.5"),
                        entry("reason", "json:103"),
                        entry("ok", "json:true"),
                        entry("bad", "json:false"),
                        entry("big", "json:123456789012345678901234567890"),
                        entry("exp", "json:-1.5e3"),
                        entry("cart", "json:{\"items\":[1,\"two\",{\"n\":null}]}"),
                        entry("tags", "json:[]"));
    }

    @Test
    void nestedValuesAreCompactedOutsideStringsOnly() {
        assertThat(members("{\"a\" : {\n\t\"b c\" : [ 1 ,\r\n 2 ] , \"s\" : \" x \\\" { y } \" } , \"n\":1}"))
                .containsExactly(entry("a", "json:{\"b c\":[1,2],\"s\":\" x \\\" { y } \"}"), entry("n", "json:1"));
        // \\u escapes go through the generator (they may hide lone surrogates): same value, re-written.
        assertThat(members("{\"a\":[\"\\u0041 \\\\u\"],\"b\":{}}"))
                .containsExactly(entry("a", "json:[\"A \\\\u\"]"), entry("b", "json:{}"));
        String big = "{\"pad\":\"" + "p".repeat(40_000) + "\",\"a\":{ \"k\": [ true ] }}";
        assertThat(members(big)).containsEntry("a", "json:{\"k\":[true]}");
        assertThat(JsonExtractor.compact("[ \"a\\\\\" , 1 ]")).isEqualTo("[\"a\\\\\",1]");
    }

    @Test
    void rewrittenNestedValuesKeepNumbersAsWritten() {
        // A \\u escape sends the value through the generator; its numbers must not become doubles.
        assertThat(members("{\"a\":[\"\\u0041\", 1.50e3, 1e400, 12345678901234567890123]}"))
                .containsExactly(entry("a", "json:[\"A\",1.50e3,1e400,12345678901234567890123]"));
    }

    @Test
    void nullMembersAreLeftOut() {
        assertThat(members("{\"a\":null,\"b\":1}")).containsExactly(entry("b", "json:1"));
        assertThat(members("{\"a\":null}")).isEmpty();
    }

    @Test
    void stringsAreUnescaped() {
        assertThat(members("{\"k\":\"line\\nbreak \\\"quoted\\\" \\u4f60\\u597d\"}"))
                .containsExactly(entry("k", "line\nbreak \"quoted\" 你好"));
    }

    @Test
    void anythingButOneObjectYieldsNothing() {
        assertThat(members("not json")).isEmpty();
        assertThat(members("[1,2]")).isEmpty();
        assertThat(members("{}")).isEmpty();
        assertThat(members("{\"a\":1} trailing")).isEmpty();
        assertThat(members("{\"a\":1}{\"b\":2}")).isEmpty();
        assertThat(members("{\"a\":1,}")).isEmpty();
        assertThat(members("{\"a\":1 \"b\":2}")).isEmpty();
        assertThat(members("{'a':1}")).isEmpty();
        assertThat(members("{\"a\":NaN}")).isEmpty();
        assertThat(members("{\"a\":1, \"b\": [1,2}")).isEmpty();
        assertThat(members("{a=1}")).isEmpty();
    }

    @Test
    void atMostMaxFieldsAreKeptAndTheRestIsStillValidated() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        assertThat(members(sb + "}")).hasSize(ExtractedFields.MAX_FIELDS);
        assertThat(out.complete()).isFalse();
        assertThat(members(sb + ",}")).as("malformed after the bound").isEmpty();
    }

    @Test
    void oversizedValuesAreCutAndKeptAsStrings() {
        String big = "[" + "1,".repeat(ExtractedFields.MAX_VALUE_LENGTH) + "1]";
        Map<String, String> m = members("{\"big\":" + big + ",\"s\":\"" + "x".repeat(ExtractedFields.MAX_VALUE_LENGTH + 5) + "\"}");
        assertThat(m.get("big")).doesNotStartWith("json:").startsWith("[1,1,").contains("...[truncated");
        assertThat(m.get("s")).endsWith("...[truncated 5 chars]");
        assertThat(out.complete()).isFalse();
    }

    @Test
    void deepNestingIsRejectedWithoutStackOverflow() {
        int depth = ONE_MB / 2;
        String deep = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        assertThat(members(deep)).isEmpty();
        String justInside = "{\"a\":" + "[".repeat(JsonExtractor.MAX_DEPTH - 1) + "]".repeat(JsonExtractor.MAX_DEPTH - 1) + "}";
        assertThat(members(justInside)).containsOnlyKeys("a");
        // The extractor recovers for the next message.
        assertThat(members("{\"b\":{\"c\":1}}")).containsExactly(entry("b", "json:{\"c\":1}"));
    }

    @Test
    void hugeAndTruncatedInputs() {
        String huge = "x".repeat(ONE_MB);
        assertThat(members("{\"s\":\"" + huge + "\",\"n\":1}")).containsOnlyKeys("s", "n");
        assertThat(members("{\"s\":\"" + huge)).isEmpty();
        assertThat(members("{\"s\":\"" + huge + "\"")).isEmpty();
        assertThat(members("{\"" + huge + "\":1}")).as("over-long key is skipped").isEmpty();
        assertThat(json.extract("{" + "\"a\":1,".repeat(ONE_MB / 6) + "\"z\":2}", out)).isTrue();
        assertThat(out.size()).isEqualTo(ExtractedFields.MAX_FIELDS);
        String truncatedObject = "{\"a\":{\"b\":[1,2,{\"c\":\"" + huge;
        assertThat(members(truncatedObject + "}")).isEmpty();
    }
}
