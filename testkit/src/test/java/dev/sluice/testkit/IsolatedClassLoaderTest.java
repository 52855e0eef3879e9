package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolatedClassLoaderTest {

    private static final Path OFFICIAL_JARS =
            Paths.get(System.getProperty("sluice.officialSlsAppender.dir", "target/official-sls-appender"));
    private static final String GUEST_PACKAGE = "dev.sluice.testkit.sls.official";

    @Test
    void guestClassesAreDefinedAnewAndEverythingElseComesFromTheJarsOnly() throws Exception {
        try (IsolatedClassLoader loader = IsolatedClassLoader.of(OFFICIAL_JARS, getClass().getClassLoader(),
                GUEST_PACKAGE)) {
            Class<?> guest = loader.loadClass(GUEST_PACKAGE + ".OfficialAppenderDriver");
            assertThat(guest.getClassLoader()).isSameAs(loader);
            assertThat(guest).isNotSameAs(Class.forName(GUEST_PACKAGE + ".OfficialAppenderDriver"));

            // The library's own Logback, not ours.
            Class<?> logger = loader.loadClass("ch.qos.logback.classic.Logger");
            assertThat(logger.getProtectionDomain().getCodeSource().getLocation().getPath())
                    .endsWith("logback-classic-1.2.3.jar");

            // Our class path does not leak in: neither other packages of ours nor their sub-packages.
            assertThatThrownBy(() -> loader.loadClass("dev.sluice.testkit.sls.SlsReceiver"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass("org.assertj.core.api.Assertions"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void aDirectoryWithoutJarsIsRefusedWithItsName(@TempDir Path empty) {
        assertThatThrownBy(() -> IsolatedClassLoader.of(empty, getClass().getClassLoader(), GUEST_PACKAGE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(empty.toString());
    }
}
