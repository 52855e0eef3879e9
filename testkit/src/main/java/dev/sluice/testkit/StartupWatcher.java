package dev.sluice.testkit;

import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;

/**
 * Captures the outcome of {@code SystemLauncher.startup}: that method swallows start-up failures
 * (it only reports them to its listener), so without this a broken broker would look started.
 */
final class StartupWatcher extends SystemLauncherListener.DefaultSystemLauncherListener {

    private volatile SystemConfig<?> systemConfig;
    private volatile RuntimeException failure;

    @Override
    public void onContainerResolve(SystemConfig<?> config) {
        this.systemConfig = config;
    }

    @Override
    public void errorOnStartup(RuntimeException e) {
        this.failure = e;
    }

    SystemConfig<?> systemConfig() {
        return systemConfig;
    }

    RuntimeException failure() {
        return failure;
    }
}
