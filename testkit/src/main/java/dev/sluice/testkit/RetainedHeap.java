package dev.sluice.testkit;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the heap an object graph holds, deterministically, by walking what it reaches: for
 * memory-bound tests (e.g. "the queued events hold at most maxQueueBytes"), where heap usage after
 * a GC would be noisy.
 *
 * <p>Sizes are HotSpot's on 64 bits with compressed references (12-byte headers, 4-byte references,
 * 8-byte alignment), the JVM's default below 32 GB of heap. Every reachable object is counted once,
 * including strings the graph shares with the rest of the application, so the figure errs high.
 * Classes, class loaders and threads are not followed. JDK objects whose fields are closed to
 * reflection are measured through their public API: strings (Latin-1 or UTF-16 as the JVM stores
 * them), arrays, maps, collections, stack trace elements, throwables, big numbers.
 */
public final class RetainedHeap {
    private static final int HEADER = 12;
    private static final int REF = 4;
    private static final int ARRAY_HEADER = 16;

    private final Map<Object, Boolean> seen = new IdentityHashMap<>();
    private final Deque<Object> pending = new ArrayDeque<>();
    private final Map<Class<?>, List<Field>> fieldsByClass = new IdentityHashMap<>();
    private long bytes;

    private RetainedHeap() {
    }

    /** Bytes held by everything reachable from the roots, each object counted once. */
    public static long of(Iterable<?> roots) {
        RetainedHeap walk = new RetainedHeap();
        for (Object root : roots) {
            walk.push(root);
        }
        walk.drain();
        return walk.bytes;
    }

    public static long of(Object root) {
        return of(List.of(root));
    }

    private void push(Object o) {
        if (o != null && !(o instanceof Class) && !(o instanceof ClassLoader) && !(o instanceof Thread)
                && !(o instanceof Enum) && seen.put(o, Boolean.TRUE) == null) {
            pending.push(o);
        }
    }

    private void drain() {
        while (!pending.isEmpty()) {
            bytes += measure(pending.pop());
        }
    }

    private long measure(Object o) {
        Class<?> type = o.getClass();
        if (o instanceof String) {
            return string((String) o);
        }
        if (type.isArray()) {
            return array(o, type.getComponentType());
        }
        if (o instanceof StackTraceElement) {
            StackTraceElement f = (StackTraceElement) o;
            push(f.getClassName());
            push(f.getMethodName());
            push(f.getFileName());
            push(f.getModuleName());
            push(f.getModuleVersion());
            push(f.getClassLoaderName());
            return align(HEADER + 7 * REF + 4 + 1);
        }
        if (o instanceof Throwable) {
            return throwable((Throwable) o);
        }
        if (isJdk(type)) {
            return jdkObject(o);
        }
        return fields(o, type);
    }

    private static long string(String s) {
        boolean latin1 = true;
        for (int i = 0; i < s.length() && latin1; i++) {
            latin1 = s.charAt(i) <= 0xFF;
        }
        return align(HEADER + REF + 4 + 1 + 1) + align(ARRAY_HEADER + (long) s.length() * (latin1 ? 1 : 2));
    }

    private long array(Object array, Class<?> component) {
        int length = Array.getLength(array);
        if (!component.isPrimitive()) {
            for (Object element : (Object[]) array) {
                push(element);
            }
            return align(ARRAY_HEADER + (long) REF * length);
        }
        int width = component == long.class || component == double.class ? 8
                : component == int.class || component == float.class ? 4
                : component == short.class || component == char.class ? 2 : 1;
        return align(ARRAY_HEADER + (long) width * length);
    }

    /** Throwable's own fields are closed; its subclasses' fields are walked like any object's. */
    private long throwable(Throwable t) {
        push(t.getMessage());
        push(t.getStackTrace());
        push(t.getCause() == t ? null : t.getCause());
        for (Throwable s : t.getSuppressed()) {
            push(s);
        }
        long size = align(HEADER + 5 * REF + 4);
        for (Class<?> c = t.getClass(); c != null && !isJdk(c); c = c.getSuperclass()) {
            size += declaredFields(t, c);
        }
        return size;
    }

    private long jdkObject(Object o) {
        if (o instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) o;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                push(e.getKey());
                push(e.getValue());
            }
            // A linked hash map: the map, its table (load factor 0.75) and an entry per mapping.
            return 64 + align(ARRAY_HEADER + (long) REF * tableLength(map.size())) + 40L * map.size();
        }
        if (o instanceof Collection) {
            Collection<?> c = (Collection<?>) o;
            for (Object element : c) {
                push(element);
            }
            // An array-backed list or a linked structure: a node (or slot) per element.
            return 48 + align(ARRAY_HEADER + (long) REF * c.size()) + 24L * c.size();
        }
        if (o instanceof BigInteger) {
            return align(HEADER + 5 * 4 + REF) + align(ARRAY_HEADER + 4L * ((((BigInteger) o).bitLength() + 31) / 32));
        }
        if (o instanceof BigDecimal) {
            push(((BigDecimal) o).unscaledValue());
            return align(HEADER + 2 * REF + 8 + 4 + 4);
        }
        // Boxed numbers, java.time values, UUIDs: read their fields where the JDK allows, else a small object.
        return fields(o, o.getClass());
    }

    private static int tableLength(int size) {
        int needed = (int) Math.ceil(size / 0.75);
        int length = 16;
        while (length < needed) {
            length <<= 1;
        }
        return length;
    }

    private long fields(Object o, Class<?> type) {
        long size = HEADER;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            size += declaredFields(o, c);
        }
        return align(size);
    }

    private long declaredFields(Object o, Class<?> c) {
        long size = 0;
        for (Field f : fieldsOf(c)) {
            Class<?> t = f.getType();
            if (!t.isPrimitive()) {
                size += REF;
                try {
                    push(f.get(o));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                size += t == long.class || t == double.class ? 8
                        : t == int.class || t == float.class ? 4
                        : t == short.class || t == char.class ? 2 : 1;
            }
        }
        return size;
    }

    /** The instance fields of {@code c} readable by reflection; closed JDK fields are left out. */
    private List<Field> fieldsOf(Class<?> c) {
        return fieldsByClass.computeIfAbsent(c, k -> {
            List<Field> fields = new ArrayList<>();
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && f.trySetAccessible()) {
                    fields.add(f);
                }
            }
            return fields;
        });
    }

    private static boolean isJdk(Class<?> c) {
        String name = c.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.");
    }

    private static long align(long size) {
        return (size + 7) & ~7L;
    }
}
