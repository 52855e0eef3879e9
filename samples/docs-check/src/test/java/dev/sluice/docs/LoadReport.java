package dev.sluice.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What loading a configuration showed: the problems the framework reported and the Sluice appenders running. */
final class LoadReport {
    final List<String> problems = new ArrayList<>();
    /** Names of the Sluice appenders the configuration declares. */
    final Set<String> declared = new TreeSet<>();
    /** Names of the Sluice appenders found attached and started. */
    final Set<String> started = new TreeSet<>();

    /** Problems, plus every declared appender that is not running, as one readable list; empty when all is well. */
    List<String> failures() {
        List<String> all = new ArrayList<>(problems);
        if (declared.isEmpty()) {
            all.add("declares no Sluice appender");
        }
        for (String name : declared) {
            if (!started.contains(name)) {
                all.add("Sluice appender '" + name + "' is not attached and started");
            }
        }
        return all;
    }
}
