package dev.sluice.event;

/** {@link ThrowableInfo} over a {@link Throwable}, defensive against hostile overrides. */
public final class JavaThrowableInfo implements ThrowableInfo {
    private static final ThrowableInfo[] NONE = new ThrowableInfo[0];
    private final Throwable throwable;

    private JavaThrowableInfo(Throwable throwable) {
        this.throwable = throwable;
    }

    public static ThrowableInfo of(Throwable t) {
        return t == null ? null : new JavaThrowableInfo(t);
    }

    @Override
    public Object identity() {
        return throwable;
    }

    @Override
    public String className() {
        return throwable.getClass().getName();
    }

    @Override
    public String message() {
        try {
            return throwable.getMessage();
        } catch (RuntimeException | Error e) {
            return "[getMessage() threw " + e.getClass().getName() + "]";
        }
    }

    @Override
    public StackTraceElement[] frames() {
        try {
            StackTraceElement[] frames = throwable.getStackTrace();
            return frames == null ? new StackTraceElement[0] : frames;
        } catch (RuntimeException | Error e) {
            return new StackTraceElement[0];
        }
    }

    @Override
    public ThrowableInfo cause() {
        try {
            return of(throwable.getCause());
        } catch (RuntimeException | Error e) {
            return null;
        }
    }

    @Override
    public ThrowableInfo[] suppressed() {
        try {
            Throwable[] suppressed = throwable.getSuppressed();
            if (suppressed.length == 0) {
                return NONE;
            }
            ThrowableInfo[] infos = new ThrowableInfo[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                infos[i] = of(suppressed[i]);
            }
            return infos;
        } catch (RuntimeException | Error e) {
            return NONE;
        }
    }
}
