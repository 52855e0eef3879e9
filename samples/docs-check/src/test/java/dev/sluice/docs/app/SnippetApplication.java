package dev.sluice.docs.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The smallest Spring Boot application: what the documented properties are bound in. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SnippetApplication {
}
