package com.rxflow.launcher.endtoend;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;

/**
 * Every log event at INFO or above, from every service, the broker and the libraries of the JVM,
 * while it is started: the root logger is lowered to INFO for the capture (the console still shows
 * only warnings), and each event is kept as the text an operator could read (message, arguments,
 * key-value pairs, MDC, exception messages and stack traces).
 */
final class CapturedLogs implements AutoCloseable {

    private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    private final Level previous = root.getLevel();
    private final List<Appender<ILoggingEvent>> quieted = new ArrayList<>();
    private final List<ThresholdFilter> filters = new ArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
                lines.add(text(event));
            }
        }
    };

    static CapturedLogs start() {
        return new CapturedLogs();
    }

    private CapturedLogs() {
        for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext();) {
            Appender<ILoggingEvent> appender = appenders.next();
            ThresholdFilter warnings = new ThresholdFilter();
            warnings.setLevel(Level.WARN.levelStr);
            warnings.start();
            appender.addFilter(warnings);
            quieted.add(appender);
            filters.add(warnings);
        }
        capture.setContext(root.getLoggerContext());
        capture.setName("rxflow-e2e-capture");
        capture.start();
        root.addAppender(capture);
        root.setLevel(Level.INFO);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.setLevel(previous);
        root.detachAppender(capture);
        capture.stop();
        // a filter cannot be removed one by one: clear and keep any the appender had before
        for (Appender<ILoggingEvent> appender : quieted) {
            List<ch.qos.logback.core.filter.Filter<ILoggingEvent>> kept = new ArrayList<>(appender.getCopyOfAttachedFiltersList());
            kept.removeAll(filters);
            appender.clearAllFilters();
            kept.forEach(appender::addFilter);
        }
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName())
                .append(' ').append(event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(pair -> text.append(' ').append(pair.key).append('=').append(pair.value));
        }
        event.getMDCPropertyMap().forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
            for (StackTraceElementProxy frame : cause.getStackTraceElementProxyArray()) {
                text.append(' ').append(frame.getSTEAsString());
            }
        }
        return text.toString();
    }
}
