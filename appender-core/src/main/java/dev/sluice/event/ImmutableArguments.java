package dev.sluice.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.UUID;

/**
 * Decides whether a message's arguments may be formatted later, on another thread, with the same
 * result. Only values of immutable JDK types qualify; anything else is formatted at the call.
 */
public final class ImmutableArguments {
    private static final Set<Class<?>> IMMUTABLE = Set.of(
            String.class, Integer.class, Long.class, Short.class, Byte.class, Character.class,
            Boolean.class, Double.class, Float.class, BigDecimal.class, BigInteger.class, UUID.class,
            java.time.Instant.class, java.time.LocalDate.class, java.time.LocalDateTime.class,
            java.time.LocalTime.class, java.time.OffsetDateTime.class, java.time.ZonedDateTime.class,
            java.time.Duration.class, java.time.Period.class);

    private ImmutableArguments() {
    }

    public static boolean all(Object[] args) {
        if (args == null) {
            return true;
        }
        for (Object arg : args) {
            if (arg != null && !isImmutable(arg.getClass())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value itself when it is immutable, otherwise its text now (so that a later change of the
     * object cannot change what is shipped). Never throws.
     */
    public static Object snapshot(Object value) {
        if (value == null || isImmutable(value.getClass())) {
            return value;
        }
        try {
            return String.valueOf(value);
        } catch (RuntimeException | Error e) {
            return "[toString() threw " + e.getClass().getName() + "]";
        }
    }

    private static boolean isImmutable(Class<?> type) {
        // Enums are immutable by convention only, but their toString() is a constant in practice.
        return IMMUTABLE.contains(type) || type.isEnum();
    }

    /** Upper bound of the heap held by the arguments and their array, for the queue's byte bound. */
    public static long estimatedBytes(Object[] args) {
        long size = 0;
        if (args != null) {
            size += HeapSizes.referenceArray(args.length);
            for (Object arg : args) {
                size += HeapSizes.value(arg);
            }
        }
        return size;
    }
}
