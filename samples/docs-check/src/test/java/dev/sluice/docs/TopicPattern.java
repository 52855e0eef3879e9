package dev.sluice.docs;

import java.util.Arrays;
import java.util.List;

/** RabbitMQ's topic matching of a binding key against a routing key: words split at '.', '*' one word, '#' any number. */
final class TopicPattern {
    private TopicPattern() {
    }

    static boolean matches(String bindingKey, String routingKey) {
        return match(Arrays.asList(bindingKey.split("\\.", -1)), 0, Arrays.asList(routingKey.split("\\.", -1)), 0);
    }

    private static boolean match(List<String> pattern, int p, List<String> words, int w) {
        if (p == pattern.size()) {
            return w == words.size();
        }
        String token = pattern.get(p);
        if (token.equals("#")) {
            for (int skip = w; skip <= words.size(); skip++) {
                if (match(pattern, p + 1, words, skip)) {
                    return true;
                }
            }
            return false;
        }
        if (w == words.size()) {
            return false;
        }
        return (token.equals("*") || token.equals(words.get(w))) && match(pattern, p + 1, words, w + 1);
    }
}
