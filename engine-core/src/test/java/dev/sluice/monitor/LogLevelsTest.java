package dev.sluice.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The bindings other than the tests' own (slf4j-simple, in SluiceContextTest): the real Logback, Log4j 2 and
 * java.util.logging classes, each driven as {@link LogLevels#set} drives it when it is the SLF4J binding.
 */
class LogLevelsTest {
    @Test
    void logbackSetsTheSluiceLoggerAndMapsFatalToError() throws Exception {
        ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.INFO);
        LogLevels.logback(context, "DEBUG");
        assertThat(context.getLogger("dev.sluice").getLevel()).isEqualTo(ch.qos.logback.classic.Level.DEBUG);
        assertThat(context.getLogger("dev.sluice.streaming").isDebugEnabled()).isTrue(); // inherited
        assertThat(context.getLogger("org.example").isDebugEnabled()).isFalse();
        LogLevels.logback(context, "FATAL");
        assertThat(context.getLogger("dev.sluice").getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
        LogLevels.logback(context, "OFF");
        assertThat(context.getLogger("dev.sluice.streaming").isErrorEnabled()).isFalse();
        context.stop();
    }

    @Test
    void log4j2SetsTheSluiceLoggerThroughItsConfigurator() throws Exception {
        try {
            LogLevels.log4j2(getClass().getClassLoader(), "TRACE");
            assertThat(org.apache.logging.log4j.LogManager.getLogger("dev.sluice.streaming").isTraceEnabled()).isTrue();
            LogLevels.log4j2(getClass().getClassLoader(), "FATAL");
            org.apache.logging.log4j.Logger child = org.apache.logging.log4j.LogManager.getLogger("dev.sluice.x");
            assertThat(child.getLevel()).isEqualTo(org.apache.logging.log4j.Level.FATAL);
            assertThat(org.apache.logging.log4j.LogManager.getLogger("org.example").isTraceEnabled()).isFalse();
        } finally {
            org.apache.logging.log4j.core.config.Configurator.setLevel("dev.sluice", (org.apache.logging.log4j.Level) null);
        }
    }

    @Test
    void javaUtilLoggingGetsSlf4jJdk14sLevels() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("dev.sluice");
        java.util.logging.Level was = root.getLevel();
        try {
            LogLevels.jul("DEBUG");
            assertThat(root.getLevel()).isEqualTo(java.util.logging.Level.FINE);
            assertThat(java.util.logging.Logger.getLogger("dev.sluice.streaming").isLoggable(java.util.logging.Level.FINE))
                    .isTrue();
            LogLevels.jul("TRACE");
            assertThat(root.getLevel()).isEqualTo(java.util.logging.Level.FINEST);
            LogLevels.jul("WARN");
            assertThat(root.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            LogLevels.jul("FATAL");
            assertThat(root.getLevel()).isEqualTo(java.util.logging.Level.SEVERE);
        } finally {
            root.setLevel(was);
        }
    }

    @Test
    void theTestsBindingIsFoundAsSlf4jSimple() {
        try {
            assertThat(LogLevels.set("INFO")).isEqualTo(LogLevels.Binding.SLF4J_SIMPLE);
        } finally {
            LogLevels.set("INFO");
        }
    }
}
