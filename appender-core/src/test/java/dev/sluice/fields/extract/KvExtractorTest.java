package dev.sluice.fields.extract;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The key=value scanner: the test vectors, separators, bounds and hostile input. */
class KvExtractorTest {
    private static final int ONE_MB = 1024 * 1024;

    private static Map<String, String> pairs(String separatorRegex, String message) {
        KvExtractor kv = new KvExtractor(KvSeparator.of(separatorRegex));
        ExtractedFields out = new ExtractedFields();
        boolean found = kv.extract(message, out);
        assertThat(found).as("found any").isEqualTo(out.size() > 0);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.isJson(i)).as("kv values are strings").isFalse();
            m.put(out.key(i), out.value(i));
        }
        return m;
    }

    private static Map<String, String> pairs(String message) {
        return pairs("=", message);
    }

    @Test
    void plainPairsSeparatedByCommasOrSpaces() {
        assertThat(pairs("i=c1, k1=v1,k2=v2 k3=v3")).containsExactly(
                entry("i", "c1"), entry("k1", "v1"), entry("k2", "v2"), entry("k3", "v3"));
    }

    @Test
    void quotedValuesKeepSpacesAndSpecialCharactersButNotTheQuotes() {
        assertThat(pairs("i=c2, k1=\" v 1 \", k2=\"v 2\" k3=\"~!@#=`;.>\"")).containsExactly(
                entry("i", "c2"), entry("k1", " v 1 "), entry("k2", "v 2"), entry("k3", "~!@#=`;.>"));
    }

    @Test
    void chineseKeysAndValues() {
        assertThat(pairs("i=c3, k1=你好 k2=他们")).containsExactly(
                entry("i", "c3"), entry("k1", "你好"), entry("k2", "他们"));
        assertThat(pairs("i=c4, 姓名=小明 年龄=中文 ")).containsExactly(
                entry("i", "c4"), entry("姓名", "小明"), entry("年龄", "中文"));
        assertThat(pairs("ユーザー=たなか")).containsExactly(entry("ユーザー", "たなか"));
    }

    @Test
    void quotedValuesMaySpanLines() {
        assertThat(pairs("k1=\"hello\nworld\" k2=\"good\nmorning\"")).containsExactly(
                entry("k1", "hello\nworld"), entry("k2", "good\nmorning"));
        // A backslash sequence is not an escape: it is kept as written.
        assertThat(pairs("k1=\"hello\\nworld\"")).containsExactly(entry("k1", "hello\\nworld"));
    }

    @Test
    void userSeparatorRegex() {
        assertThat(pairs("(?:=|:)", "k1=v1 k2:v2")).containsExactly(entry("k1", "v1"), entry("k2", "v2"));
        assertThat(pairs("=>", "a=>1 b=2")).containsExactly(entry("a", "1"));
    }

    @Test
    void spacesAroundTheSeparatorAreAllowed() {
        assertThat(pairs("(?:=|:)", "k3 = v3, k4 : v4")).containsExactly(entry("k3", "v3"), entry("k4", "v4"));
        assertThat(pairs("k\t=\t\"v\"")).containsExactly(entry("k", "v"));
    }

    @Test
    void proseAroundPairsIsIgnoredAndTrailingPunctuationIsNotPartOfValues() {
        assertThat(pairs("payment failed reason=103 user=\"xiao ming\" amount=12.5, retry later."))
                .containsExactly(entry("reason", "103"), entry("user", "xiao ming"), entry("amount", "12.5"));
        assertThat(pairs("order-id=A-1; trace.id=abc_9")).containsExactly(entry("order-id", "A-1"), entry("trace.id", "abc_9"));
    }

    @Test
    void noPairsMeansNoFields() {
        assertThat(pairs("nothing to see here")).isEmpty();
        assertThat(pairs("")).isEmpty();
        assertThat(pairs("k= , =v, == \"unclosed=")).isEmpty();
        assertThat(pairs("k=\"never closed")).isEmpty();
    }

    @Test
    void pairsBeforeAnUnclosedQuoteAreKept() {
        assertThat(pairs("a=1 b=\"oops c=3")).containsExactly(entry("a", "1"), entry("c", "3"));
    }

    @Test
    void boundsOnFieldCountKeyAndValueLength() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            many.append("k").append(i).append('=').append(i).append(' ');
        }
        ExtractedFields out = new ExtractedFields();
        assertThat(new KvExtractor(KvSeparator.equalsSign()).extract(many.toString(), out)).isTrue();
        assertThat(out.size()).isEqualTo(ExtractedFields.MAX_FIELDS);
        assertThat(out.key(63)).isEqualTo("k63");
        assertThat(out.complete()).isFalse();

        String longKey = "k".repeat(ExtractedFields.MAX_KEY_LENGTH + 1);
        assertThat(new KvExtractor(KvSeparator.equalsSign()).extract(longKey + "=1 ok=2", out)).isTrue();
        assertThat(out.size()).isEqualTo(1);
        assertThat(out.key(0)).isEqualTo("ok");
        assertThat(out.complete()).isFalse();

        String longValue = "v".repeat(ExtractedFields.MAX_VALUE_LENGTH + 10);
        assertThat(new KvExtractor(KvSeparator.equalsSign()).extract("k=\"" + longValue + "\"", out)).isTrue();
        assertThat(out.value(0)).startsWith("v".repeat(ExtractedFields.MAX_VALUE_LENGTH)).endsWith("...[truncated 10 chars]");
        assertThat(out.complete()).isFalse();
    }

    @Test
    void separatorRegexThatCanMatchNothingIsRejected() {
        assertThatThrownBy(() -> KvSeparator.of("=?")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> KvSeparator.of("\\s*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KvSeparator.of("(?:)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KvSeparator.of("\\s+")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spaces");
        assertThatThrownBy(() -> KvSeparator.of("(")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regular expression");
        assertThat(KvSeparator.of("(?:=|:)")).hasToString("(?:=|:)");
    }

    // ---- hostile inputs: 1 MB each; the assertions are about results (the suite's timeout guards the rest) ----

    @Test
    void hostileOneMegabyteInputsWithTheDefaultSeparator() {
        assertThat(pairs("a".repeat(ONE_MB))).isEmpty();
        assertThat(pairs("=".repeat(ONE_MB))).isEmpty();
        assertThat(pairs("a ".repeat(ONE_MB / 2))).isEmpty();
        assertThat(pairs("a=\"" + "x".repeat(ONE_MB))).isEmpty();
        assertThat(pairs("\"a=\"".repeat(ONE_MB / 4))).hasSize(1);
        assertThat(pairs("a=" + " ".repeat(ONE_MB) + "b")).containsExactly(entry("a", "b"));
        Map<String, String> many = pairs("a=1 ".repeat(ONE_MB / 4));
        assertThat(many).containsExactly(entry("a", "1")); // same key each time: the map keeps one
    }

    @Test
    void hostileOneMegabyteInputsWithUserSeparators() {
        assertThat(pairs("(?:=|:)", "a ::".repeat(ONE_MB / 4))).isEmpty();
        assertThat(pairs("(?:=|:)", "a ::".repeat(ONE_MB / 4) + " b:c")).containsExactly(entry("b", "c"));
        // A separator written with nested quantifiers is only tried on at most 8 chars after a key.
        assertThat(pairs("(?:=+)+:", "a" + "=".repeat(ONE_MB))).isEmpty();
        assertThat(pairs("(?:=+)+:", "k ==: v " + "a===== ".repeat(ONE_MB / 7))).containsExactly(entry("k", "v"));
    }
}
