package dev.sluice.encode;

import dev.sluice.transport.sls.SlsLogEncoder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.fields.Record;
import dev.sluice.event.Texts;
import dev.sluice.testing.Events;
import dev.sluice.testing.Records;
import dev.sluice.testing.SlsProto;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One text policy for every encoder: the same record reads the same whether it went out as JSON or as SLS protobuf. */
class TextPolicyTest {
    private final Records records = Records.with();

    @ParameterizedTest
    @ValueSource(strings = {"lone high \uD83D here", "lone low \uDE00 here", "reversed \uDE00\uD83D pair",
            "ends high \uD83D", "\uDE00starts low", "pair \uD83D\uDE00 ok", "control \u0000\u001f\u007f chars",
            "bom \uFEFF and nonchar \uFFFF", "plain ascii"})
    void jsonAndProtobufCarryTheSameText(String hostile) {
        Record record = records.composer().compose(Events.event().message(hostile).mdc("k" + hostile, hostile).build());

        JsonNode json = records.json(Events.event().message(hostile).mdc("k" + hostile, hostile).build());
        Map<String, String> sls = SlsProto.log(new SlsLogEncoder().encodeLog(record)).map();

        String expected = Texts.repairSurrogates(hostile);
        assertThat(json.path("message").asText()).isEqualTo(expected);
        assertThat(sls.get("message")).isEqualTo(expected);
        assertThat(json.path("k" + expected).asText()).isEqualTo(expected);
        assertThat(sls.get("k" + expected)).isEqualTo(expected);
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacterNotAQuestionMark() {
        Record record = records.composer().compose(Events.info("a\uD83Db"));
        assertThat(SlsProto.log(new SlsLogEncoder().encodeLog(record)).map().get("message"))
                .isEqualTo("a" + Texts.REPLACEMENT + "b");
    }

    @Test
    void namesThatDifferOnlyInLoneSurrogatesAreShippedUnderDistinctNames() {
        // Found by HostileInputFuzzTest: "\uDAE5" and "\uFFFD" are one name once repaired.
        Records extracting = Records.with("extractJson", "true");
        JsonNode json = extracting.json(Events.info("{\"\uDAE5\":1,\"\uFFFD\":2}"));
        assertThat(json.path("\uFFFD").asInt()).isEqualTo(1);
        assertThat(json.path("\uFFFD_json").asInt()).isEqualTo(2);
    }
}
