package dev.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a library whose dependencies clash with ours (e.g. the official SLS appender, which needs Logback 1.2 and
 * protobuf-java 2.5) next to our own code in one JVM: every class comes from the jars of one directory, except the
 * classes of one "guest" package, which are copied in from our class path so that a small driver compiled with our
 * code can run against the library. The parent is the platform class loader, so nothing of the application class
 * path leaks in; talk to the guest classes through JDK types only (reflection, {@code Runnable},
 * {@code java.util.function} interfaces).
 */
public final class IsolatedClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader guestSource;
    private final Set<String> guestPackages;

    private IsolatedClassLoader(String name, URL[] jars, ClassLoader guestSource, Set<String> guestPackages) {
        super(name, jars, ClassLoader.getPlatformClassLoader());
        this.guestSource = guestSource;
        this.guestPackages = guestPackages;
    }

    /**
     * A loader over every {@code *.jar} in {@code jarDirectory} plus the classes of {@code guestPackages} (not their
     * sub-packages), defined anew from the bytes {@code guestSource} finds. Packages are named rather than given by
     * a class so that guest classes that extend the library's classes are never loaded outside this loader.
     *
     * @throws IllegalStateException when the directory holds no jar (e.g. the Maven copy step did not run)
     */
    public static IsolatedClassLoader of(Path jarDirectory, ClassLoader guestSource, String... guestPackages) {
        if (guestPackages.length == 0) {
            throw new IllegalArgumentException("no guest package");
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(jarDirectory)) {
            for (Path jar : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + jarDirectory, e);
        }
        if (urls.isEmpty()) {
            throw new IllegalStateException("no jars in " + jarDirectory.toAbsolutePath());
        }
        return new IsolatedClassLoader("isolated-" + jarDirectory.getFileName(), urls.toArray(new URL[0]),
                guestSource, Set.of(guestPackages));
    }

    /** Number of jars this loader reads (besides the guest classes). */
    public int jarCount() {
        return getURLs().length;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (isGuest(name)) {
            byte[] bytes = guestBytes(name);
            if (bytes != null) {
                return defineClass(name, bytes, 0, bytes.length);
            }
        }
        return super.findClass(name);
    }

    private boolean isGuest(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && guestPackages.contains(name.substring(0, dot));
    }

    private byte[] guestBytes(String name) throws ClassNotFoundException {
        try (InputStream in = guestSource.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
