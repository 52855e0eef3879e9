package dev.sluice.transport.rabbitmq;

import dev.sluice.event.LogEvent;
import dev.sluice.fields.FieldComposer;
import dev.sluice.fields.Record;
import dev.sluice.testing.Events;
import dev.sluice.testing.Records;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.sluice.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingKeyTemplateTest {

    private static String render(String template, FieldComposer composer, LogEvent e) {
        return new RoutingKeyTemplate(template, composer).render(composer.compose(e));
    }

    @Test
    void rendersIdentityAndBuiltinFieldsFromTheComposedRecord() {
        FieldComposer composer = new FieldComposer(Records.fieldOptions("identity", "application=shop"));
        assertThat(render("{application}.{level}", composer, event().level("WARN", 30000).build()))
                .isEqualTo("shop.WARN");
    }

    @Test
    void mdcNumbersAndLiteralsAreRendered() {
        FieldComposer composer = new FieldComposer(Records.fieldOptions());
        assertThat(render("logs.{tenant}.{level_value}.end", composer, event().mdc("tenant", "acme").build()))
                .isEqualTo("logs.acme.20000.end");
    }

    @Test
    void missingFieldsGiveEmptyWords() {
        FieldComposer composer = new FieldComposer(Records.fieldOptions());
        assertThat(render("{application}.{level}.{nope}", composer, Events.info("x"))).isEqualTo(".INFO.");
    }

    @Test
    void canonicalNamesFollowTheBuiltinPrefix() {
        FieldComposer composer = new FieldComposer(Records.fieldOptions("builtinFieldsPrefix", "_"));
        assertThat(render("{logger_name}.{level}", composer, event().logger("a.b").build())).isEqualTo("a.b.INFO");
    }

    @Test
    void templateWithoutPlaceholdersIsConstant() {
        FieldComposer composer = new FieldComposer(Records.fieldOptions());
        RoutingKeyTemplate t = new RoutingKeyTemplate("all.logs", composer);
        assertThat(t.render(composer.compose(Events.info("1")))).isEqualTo("all.logs");
        assertThat(t.render(composer.compose(Events.info("2")))).isEqualTo("all.logs");
    }

    @Test
    void keyChangesWhenAFieldChangesAndIsReusedWhenNot() {
        FieldComposer composer = new FieldComposer(Records.fieldOptions());
        RoutingKeyTemplate t = new RoutingKeyTemplate("{level}.{tenant}", composer);
        String first = t.render(composer.compose(event().mdc("tenant", "a").build()));
        String same = t.render(composer.compose(event().mdc("tenant", new String("a")).build()));
        String other = t.render(composer.compose(event().mdc("tenant", "b").build()));
        String otherLevel = t.render(composer.compose(event().level("ERROR", 40000).mdc("tenant", "b").build()));
        String missing = t.render(composer.compose(event().build()));
        assertThat(first).isEqualTo("INFO.a");
        assertThat(same).isEqualTo("INFO.a");
        assertThat(other).isEqualTo("INFO.b");
        assertThat(otherLevel).isEqualTo("ERROR.b");
        assertThat(missing).isEqualTo("INFO.");
    }

    @Test
    void keysAreCappedAt255Utf8BytesWithoutSplittingACharacter() {
        FieldComposer composer = new FieldComposer(Records.fieldOptions());
        // 'é' is 2 bytes: 127 of them plus "x." is 256 bytes; the cap must drop the whole last 'é'
        String value = "\u00e9".repeat(200);
        String key = render("x.{v}", composer, event().mdc("v", value).build());
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        assertThat(utf8.length).isLessThanOrEqualTo(255);
        assertThat(key).isEqualTo("x." + "\u00e9".repeat(126));
        assertThat(utf8.length).isEqualTo(254);
        assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(key);
    }

    @Test
    void capNeverSplitsASurrogatePair() {
        FieldComposer composer = new FieldComposer(Records.fieldOptions());
        String emoji = "\uD83D\uDE00"; // 4 UTF-8 bytes
        String key = render("{v}", composer, event().mdc("v", "a" + emoji.repeat(100)).build());
        assertThat(key.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(key).isEqualTo("a" + emoji.repeat(63)); // 1 + 63 * 4 = 253
        assertThat(Character.isHighSurrogate(key.charAt(key.length() - 1))).isFalse();
    }

    @Test
    void asciiKeysAreCappedAtExactly255() {
        FieldComposer composer = new FieldComposer(Records.fieldOptions());
        String key = render("{v}", composer, event().mdc("v", "k".repeat(1000)).build());
        assertThat(key).hasSize(255);
    }

    @Test
    void constantTemplateIsCappedToo() {
        FieldComposer composer = new FieldComposer(Records.fieldOptions());
        Record r = composer.compose(Events.info("x"));
        assertThat(new RoutingKeyTemplate("c".repeat(300), composer).render(r)).hasSize(255);
    }

    @Test
    void validityCheckSpotsUnclosedPlaceholders() {
        assertThat(RoutingKeyTemplate.isValid("{a}.{b}")).isTrue();
        assertThat(RoutingKeyTemplate.isValid("plain")).isTrue();
        assertThat(RoutingKeyTemplate.isValid("{a}.{b")).isFalse();
    }
}
