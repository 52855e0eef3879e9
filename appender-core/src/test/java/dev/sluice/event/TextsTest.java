package dev.sluice.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void truncateLeavesNullAndShortTextAlone() {
        assertThat(Texts.truncate(null, 5)).isNull();
        String s = "abcde";
        assertThat(Texts.truncate(s, 5)).isSameAs(s);
        assertThat(Texts.truncate("", 5)).isEmpty();
    }

    @Test
    void truncateCutsAtMaxAndCountsTheRemovedChars() {
        assertThat(Texts.truncate("abcdefghij", 4)).isEqualTo("abcd...[truncated 6 chars]");
    }

    @Test
    void truncateNeverSplitsASurrogatePair() {
        String s = "ab" + EMOJI + "cd"; // a b HIGH LOW c d
        // cutting after 3 chars would keep only the high surrogate: the cut moves before the pair
        assertThat(Texts.truncate(s, 3)).isEqualTo("ab...[truncated 4 chars]");
        // cutting after 4 chars keeps the whole pair
        assertThat(Texts.truncate(s, 4)).isEqualTo("ab" + EMOJI + "...[truncated 2 chars]");
        // cutting after 2 chars ends before the pair
        assertThat(Texts.truncate(s, 2)).isEqualTo("ab...[truncated 4 chars]");
    }

    @Test
    void truncatedTextIsValidUtf16() {
        String s = (EMOJI + "x").repeat(50);
        for (int max = 1; max < s.length(); max++) {
            String cut = Texts.truncate(s, max);
            assertThat(Texts.repairSurrogates(cut)).as("max %d", max).isSameAs(cut);
        }
    }

    @Test
    void repairReturnsTheSameInstanceWhenNothingIsWrong() {
        String plain = "plain ascii \u00e9\u4e2d";
        String pairs = "a" + EMOJI + EMOJI + "b";
        assertThat(Texts.repairSurrogates(plain)).isSameAs(plain);
        assertThat(Texts.repairSurrogates(pairs)).isSameAs(pairs);
        assertThat(Texts.repairSurrogates(null)).isNull();
        assertThat(Texts.repairSurrogates("")).isEmpty();
    }

    @Test
    void repairReplacesLoneSurrogatesWherevertheyAre() {
        assertThat(Texts.repairSurrogates("\uD800")).isEqualTo("\uFFFD");
        assertThat(Texts.repairSurrogates("\uDC00")).isEqualTo("\uFFFD");
        assertThat(Texts.repairSurrogates("a\uD800")).isEqualTo("a\uFFFD");
        assertThat(Texts.repairSurrogates("\uDC00a")).isEqualTo("\uFFFDa");
        // low before high is two lone surrogates, not a pair
        assertThat(Texts.repairSurrogates("\uDC00\uD800")).isEqualTo("\uFFFD\uFFFD");
        // high, high, low: the first high is lone, the second forms a pair
        assertThat(Texts.repairSurrogates("\uD83D\uD83D\uDE00")).isEqualTo("\uFFFD" + EMOJI);
        // a pair after a repair is kept
        assertThat(Texts.repairSurrogates("\uDC00" + EMOJI + "\uD800")).isEqualTo("\uFFFD" + EMOJI + "\uFFFD");
    }
}
