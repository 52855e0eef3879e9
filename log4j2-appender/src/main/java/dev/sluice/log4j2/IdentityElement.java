package dev.sluice.log4j2;

import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.config.plugins.PluginValue;

/**
 * A nested {@code <Identity>k=v,k=v</Identity>} element of a Sluice appender; may be repeated, and
 * adds to the {@code identity} attribute.
 */
@Plugin(name = "Identity", category = Node.CATEGORY, elementType = "identity", printObject = true)
public final class IdentityElement {
    private final String value;

    private IdentityElement(String value) {
        this.value = value;
    }

    @PluginFactory
    public static IdentityElement of(@PluginValue("value") String value) {
        return new IdentityElement(value);
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "Identity[" + value + "]";
    }
}
