package dev.sluice.event;

/** Where the log call was made; captured only when {@code includeCallerData} is on. */
public final class CallerInfo {
    private final String className;
    private final String methodName;
    private final String fileName;
    private final int lineNumber;

    public CallerInfo(String className, String methodName, String fileName, int lineNumber) {
        this.className = className;
        this.methodName = methodName;
        this.fileName = fileName;
        this.lineNumber = lineNumber;
    }

    public static CallerInfo of(StackTraceElement e) {
        return e == null ? null : new CallerInfo(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber());
    }

    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    public String fileName() {
        return fileName;
    }

    public int lineNumber() {
        return lineNumber;
    }
}
