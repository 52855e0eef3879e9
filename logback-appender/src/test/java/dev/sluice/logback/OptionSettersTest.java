package dev.sluice.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.Backend;
import dev.sluice.config.OptionCatalogue;
import dev.sluice.config.OptionSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * logback.xml maps each element to a setter (or an adder for repeatable elements): the setters the
 * Sluice classes declare must be exactly the catalogue's options of the backend, under the same names.
 */
class OptionSettersTest {

    private static Class<?> appenderOf(Backend backend) {
        return backend == Backend.RABBITMQ ? RabbitMqAppender.class : SlsAppender.class;
    }

    /** Option names of every public one-String-argument setter/adder declared by Sluice's own classes. */
    private static Set<String> optionSetters(Class<?> appender) {
        Set<String> names = new TreeSet<>();
        for (Class<?> c = appender; c != null && c.getPackageName().equals("dev.sluice.logback"); c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                boolean setter = m.getName().startsWith("set") || m.getName().startsWith("add");
                if (setter && Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == String.class) {
                    String property = m.getName().substring(3);
                    names.add(Character.toLowerCase(property.charAt(0)) + property.substring(1));
                }
            }
        }
        return names;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyOptionOfTheBackendHasASetterOfTheSameNameAndNothingElseDoes(Backend backend) {
        Set<String> declared = OptionCatalogue.forBackend(backend).stream().map(OptionSpec::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(optionSetters(appenderOf(backend))).isEqualTo(declared);
    }
}
