package dev.sluice.monitor;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the level of the {@code dev.sluice} loggers in whichever SLF4J binding the application uses, found at run
 * time by the class of its logger factory and reached by reflection, so engine-core has no compile dependency on any
 * binding: Logback and Log4j 2 set the level of their {@code dev.sluice} logger (children configured with their own
 * level keep it, as in those libraries); java.util.logging (slf4j-jdk14) likewise (its handlers' levels still
 * filter); slf4j-simple, which fixes a logger's level when the logger is made, gets the system property
 * {@code org.slf4j.simpleLogger.log.dev.sluice} for loggers made later, and its existing {@code dev.sluice} loggers
 * recompute their level as slf4j-simple would (a more specific configured key still wins). Any other binding:
 * a WARN says the level is unchanged. Thread-safe (the bindings' own calls are).
 */
public final class LogLevels {
    static final String ROOT = "dev.sluice";
    static final String SIMPLE_KEY = "org.slf4j.simpleLogger.log." + ROOT;
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.session");
    /** java.util.logging holds loggers weakly: a level set on a collected logger would be lost. */
    private static volatile java.util.logging.Logger julRoot;

    /** The bindings this class can drive. */
    public enum Binding { LOGBACK, LOG4J2, SLF4J_SIMPLE, JUL, OTHER }

    private LogLevels() {
    }

    /**
     * Sets {@code dev.sluice} to {@code level} (one of Spark's: ALL, DEBUG, ERROR, FATAL, INFO, OFF, TRACE, WARN;
     * upper case) in the current binding.
     *
     * @return the binding found ({@link Binding#OTHER} when the level could not be set)
     */
    public static Binding set(String level) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        String name = factory.getClass().getName();
        try {
            switch (name) {
                case "ch.qos.logback.classic.LoggerContext" -> {
                    logback(factory, level);
                    return Binding.LOGBACK;
                }
                case "org.apache.logging.slf4j.Log4jLoggerFactory" -> {
                    log4j2(factory.getClass().getClassLoader(), level);
                    return Binding.LOG4J2;
                }
                case "org.slf4j.simple.SimpleLoggerFactory" -> {
                    slf4jSimple(factory, level);
                    return Binding.SLF4J_SIMPLE;
                }
                case "org.slf4j.jul.JDK14LoggerFactory" -> {
                    jul(level);
                    return Binding.JUL;
                }
                default -> LOG.warn("Log level of {} left unchanged: the SLF4J binding ({}) is not one Sluice can set"
                        + " levels in (Logback, Log4j 2, slf4j-simple, slf4j-jdk14); set it in its configuration", ROOT,
                        name);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Log level of {} left unchanged: setting it through {} failed", ROOT, name, e);
        }
        return Binding.OTHER;
    }

    /** Logback has no FATAL: ERROR is the closest. */
    static void logback(Object loggerContext, String level) throws ReflectiveOperationException {
        ClassLoader loader = loggerContext.getClass().getClassLoader();
        Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true, loader);
        Object value = levelClass.getMethod("toLevel", String.class).invoke(null, level.equals("FATAL") ? "ERROR" : level);
        Object logger = loggerContext.getClass().getMethod("getLogger", String.class).invoke(loggerContext, ROOT);
        logger.getClass().getMethod("setLevel", levelClass).invoke(logger, value);
    }

    /** Through log4j-core's {@code Configurator}; absent when Log4j's API runs on another implementation. */
    static void log4j2(ClassLoader loader, String level) throws ReflectiveOperationException {
        Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level", true, loader);
        Object value = levelClass.getMethod("toLevel", String.class).invoke(null, level);
        Class.forName("org.apache.logging.log4j.core.config.Configurator", true, loader)
                .getMethod("setLevel", String.class, levelClass).invoke(null, ROOT, value);
    }

    private static final Map<String, java.util.logging.Level> JUL_LEVELS = Map.of("ALL", java.util.logging.Level.ALL,
            "TRACE", java.util.logging.Level.FINEST, "DEBUG", java.util.logging.Level.FINE,
            "INFO", java.util.logging.Level.INFO, "WARN", java.util.logging.Level.WARNING,
            "ERROR", java.util.logging.Level.SEVERE, "FATAL", java.util.logging.Level.SEVERE,
            "OFF", java.util.logging.Level.OFF);

    /** slf4j-jdk14 maps TRACE to FINEST and DEBUG to FINE; ERROR and FATAL are SEVERE. */
    static void jul(String level) {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger(ROOT);
        root.setLevel(JUL_LEVELS.get(level));
        julRoot = root;
    }

    /** slf4j-simple has no ALL nor FATAL: TRACE and ERROR are the closest. */
    static void slf4jSimple(Object factory, String level) throws ReflectiveOperationException {
        String simple = switch (level) {
            case "ALL" -> "trace";
            case "FATAL" -> "error";
            default -> level.toLowerCase(Locale.ROOT);
        };
        System.setProperty(SIMPLE_KEY, simple); // read by slf4j-simple when it makes a logger
        ClassLoader loader = factory.getClass().getClassLoader();
        Class<?> loggerClass = Class.forName("org.slf4j.simple.SimpleLogger", true, loader);
        Method compute = loggerClass.getDeclaredMethod("recursivelyComputeLevelString");
        compute.setAccessible(true);
        Method toLevel = Class.forName("org.slf4j.simple.SimpleLoggerConfiguration", true, loader)
                .getDeclaredMethod("stringToLevel", String.class);
        toLevel.setAccessible(true);
        Field current = loggerClass.getDeclaredField("currentLogLevel");
        current.setAccessible(true);
        Field map = factory.getClass().getDeclaredField("loggerMap");
        map.setAccessible(true);
        for (Map.Entry<?, ?> e : ((Map<?, ?>) map.get(factory)).entrySet()) {
            String name = (String) e.getKey();
            if ((name.equals(ROOT) || name.startsWith(ROOT + ".")) && loggerClass.isInstance(e.getValue())) {
                String computed = (String) compute.invoke(e.getValue()); // non-null: the dev.sluice key is set
                current.setInt(e.getValue(), (Integer) toLevel.invoke(null, computed));
            }
        }
    }
}
