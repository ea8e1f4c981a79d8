package com.rxflow.launcher;

/**
 * A command of {@code rxflow} that lives in a module built on top of the launcher, found at start-up
 * through {@link java.util.ServiceLoader} (a {@code META-INF/services/com.rxflow.launcher.PluggedCommand}
 * file in that module's jar) so the launcher does not depend on it: {@code rxflow bench} and
 * {@code rxflow chaos} in the {@code load} module. An implementation is a picocli {@code @Command}
 * with a public no-argument constructor.
 */
public interface PluggedCommand {
}
