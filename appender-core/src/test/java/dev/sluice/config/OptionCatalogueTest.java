package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.fields.FieldOptions;
import dev.sluice.pipeline.Overflow;
import dev.sluice.pipeline.PipelineOptions;
import dev.sluice.transport.rabbitmq.RabbitMqOptions;
import dev.sluice.transport.sls.SlsOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OptionCatalogueTest {

    /** The options the readers of one backend really consult, found by reading a minimal configuration. */
    private static Set<String> consultedBy(Backend backend) {
        // With addresses (not uri) every RabbitMQ connection option is read, tls included.
        OptionReader r = new OptionReader(new Options().set("addresses", "localhost"));
        FieldOptions.read(r);
        PipelineOptions.read(r, backend);
        if (backend == Backend.RABBITMQ) {
            RabbitMqOptions.read(r, "a", "sluice");
        } else {
            SlsOptions.read(r);
        }
        return r.consulted();
    }

    private static Set<String> declaredFor(Backend backend) {
        return OptionCatalogue.forBackend(backend).stream().map(OptionSpec::name).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theReadersConsultExactlyTheDeclaredOptionsOfEachBackend(Backend backend) {
        assertThat(consultedBy(backend)).containsExactlyInAnyOrderElementsOf(declaredFor(backend));
    }

    @Test
    void everyOptionAppliesToSomeBackendAndNamesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (OptionSpec spec : OptionCatalogue.all()) {
            assertThat(seen.add(spec.name().toLowerCase(Locale.ROOT))).as(spec.name()).isTrue();
            assertThat(Stream.of(Backend.values()).anyMatch(spec::appliesTo)).as(spec.name()).isTrue();
            assertThat(spec.description()).as(spec.name()).isNotBlank().doesNotContain("\n");
            assertThat(spec.name()).matches("[a-z][A-Za-z]*");
        }
        assertThat(OptionCatalogue.all()).hasSizeGreaterThan(60);
    }

    @Test
    void everyDefaultParsesWithItsTypeAndLiesWithinItsBounds() {
        for (OptionSpec spec : OptionCatalogue.all()) {
            for (Backend backend : Backend.values()) {
                String d = spec.defaultValue(backend);
                if (d == null) {
                    continue;
                }
                switch (spec.type()) {
                    case INT:
                        assertThat(Long.parseLong(d)).as(spec.name()).isBetween(spec.min(), spec.max());
                        break;
                    case BYTE_SIZE:
                        assertThat(ByteSizes.parse(d)).as(spec.name()).isBetween(spec.min(), spec.max());
                        break;
                    case DURATION:
                        assertThat(Durations.parse(d)).as(spec.name()).isBetween(spec.minDuration(), spec.maxDuration());
                        break;
                    case BOOLEAN:
                        assertThat(d).as(spec.name()).isIn("true", "false");
                        break;
                    case ENUM:
                        assertThat(spec.allowedValues()).as(spec.name()).contains(d);
                        break;
                    default:
                        break;
                }
            }
        }
    }

    @Test
    void enumOptionsAllowExactlyWhatTheReadersAccept() throws ClassNotFoundException {
        Class<?> compression = Class.forName("dev.sluice.transport.sls.Compression"); // package-private
        assertThat(OptionCatalogue.OVERFLOW.allowedValues()).containsExactlyInAnyOrderElementsOf(userSpelling(Overflow.class));
        assertThat(OptionCatalogue.FORMAT.allowedValues())
                .containsExactlyInAnyOrderElementsOf(userSpelling(RabbitMqOptions.Format.class));
        assertThat(OptionCatalogue.COMPRESSION.allowedValues()).containsExactlyInAnyOrderElementsOf(userSpelling(compression));
        for (String level : OptionCatalogue.OVERFLOW_RESERVE_LEVEL.allowedValues()) {
            OptionReader r = new OptionReader(new Options().set("overflowReserveLevel", level));
            PipelineOptions.read(r);
            assertThat(r.errors()).as(level).isEmpty();
        }
        OptionReader fatal = new OptionReader(new Options().set("overflowReserveLevel", "fatal"));
        PipelineOptions.read(fatal);
        assertThat(fatal.errors()).singleElement().asString().contains("option 'overflowReserveLevel'")
                .contains("expected one of [trace, debug, info, warn, error], got 'fatal'");
    }

    private static List<String> userSpelling(Class<?> type) {
        return Stream.of(type.getEnumConstants()).map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.toList());
    }

    @Test
    void theReadersApplyTheDeclaredDefaults() {
        OptionReader r = new OptionReader(new Options());
        PipelineOptions p = PipelineOptions.read(r, Backend.RABBITMQ);
        assertThat(p.linger()).isEqualTo(Durations.parse(OptionCatalogue.LINGER.defaultValue()));
        assertThat(p.maxQueueBytes()).isEqualTo(ByteSizes.parse(OptionCatalogue.MAX_QUEUE_BYTES.defaultValue()));
        assertThat(p.queueSize()).isEqualTo(Integer.parseInt(OptionCatalogue.QUEUE_SIZE.defaultValue()));
        assertThat(p.closeTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void boundsAreEnforcedFromTheDeclaration() {
        OptionReader r = new OptionReader(new Options().set("queueSize", String.valueOf(OptionCatalogue.QUEUE_SIZE.max() + 1)));
        PipelineOptions.read(r);
        assertThat(r.errors()).singleElement().asString().contains("option 'queueSize'").contains("between 1 and");
    }

    @Test
    void theClosestKnownOptionIsSuggestedForTyposAndOtherSpellings() {
        assertThat(OptionCatalogue.closest("routngKey")).isEqualTo("routingKey");
        assertThat(OptionCatalogue.closest("max-queue-bytes")).isEqualTo("maxQueueBytes");
        assertThat(OptionCatalogue.closest("BATCH_SIZE")).isEqualTo("batchSize");
        assertThat(OptionCatalogue.closest("acessKeySecret")).isEqualTo("accessKeySecret");
        assertThat(OptionCatalogue.closest("completelyUnrelated")).isNull();
    }

    @Test
    void kebabNamesAreWhatSpringPropertiesUse() {
        assertThat(OptionCatalogue.MAX_QUEUE_BYTES.kebabName()).isEqualTo("max-queue-bytes");
        assertThat(OptionCatalogue.URI.kebabName()).isEqualTo("uri");
        assertThat(OptionCatalogue.EXTRACT_KV_DROP_MESSAGE.kebabName()).isEqualTo("extract-kv-drop-message");
    }

    @Test
    void secretsAreMarkedSensitive() {
        Set<String> sensitive = OptionCatalogue.all().stream().filter(OptionSpec::sensitive).map(OptionSpec::name)
                .collect(Collectors.toSet());
        // addresses: may hold credentials pasted from an amqp URI.
        assertThat(sensitive).containsExactlyInAnyOrder("uri", "addresses", "password", "trustStorePassword",
                "keyStorePassword", "accessKeySecret", "securityToken");
    }
}
