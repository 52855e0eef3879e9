package dev.sluice.docs;

import dev.sluice.testkit.AmqpEndpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values for the variables that documented configurations read (secrets, the broker's URI), as a
 * user's environment would provide them. A variable without a default that is not listed here
 * fails the check by name, so that a snippet never loads with Logback's {@code X_IS_UNDEFINED}.
 */
final class TestValues {
    private TestValues() {
    }

    static Map<String, String> known(AmqpEndpoint broker) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("RABBITMQ_URI", broker.uri());
        values.put("RABBITMQ_PASSWORD", broker.password());
        values.put("SLS_ACCESS_KEY_ID", "docs-check-AKID");
        values.put("SLS_ACCESS_KEY_SECRET", "docs-check-secret");
        return values;
    }

    /** The values for what {@code text} reads; throws naming each variable without a default and without a value. */
    static Map<String, String> forText(String where, String text, AmqpEndpoint broker) {
        Map<String, String> known = known(broker);
        Map<String, String> values = new LinkedHashMap<>();
        List<Snippets.Variable> variables = Snippets.variables(text);
        for (Snippets.Variable v : variables) {
            if (known.containsKey(v.name)) {
                values.put(v.name, known.get(v.name));
            } else if (!v.hasDefault) {
                throw new IllegalStateException(where + ": reads ${" + v.name + "}, which has no default and no "
                        + "test value; add one to " + TestValues.class.getSimpleName());
            }
        }
        return values;
    }
}
