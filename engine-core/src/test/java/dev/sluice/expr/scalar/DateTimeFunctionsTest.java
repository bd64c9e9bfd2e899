package dev.sluice.expr.scalar;

import static dev.sluice.expr.ExpressionTestSupport.call;
import static dev.sluice.expr.ExpressionTestSupport.chunk;
import static dev.sluice.expr.ExpressionTestSupport.column;
import static dev.sluice.expr.ExpressionTestSupport.context;
import static dev.sluice.expr.ExpressionTestSupport.ref;
import static dev.sluice.expr.ExpressionTestSupport.value;
import static dev.sluice.expr.ExpressionTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.batch.Chunk;
import dev.sluice.expr.Expression;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.Literal;
import dev.sluice.sql.SluiceException;
import dev.sluice.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class DateTimeFunctionsTest {
    /** 2022-05-09 10:05:07.25 UTC, a Monday. */
    private static final long MICROS = 1_652_090_707_250_000L;
    private static final Chunk TIMES = chunk(column(DataTypes.TimestampType, MICROS, null));
    private static final Expression TS = ref(0, DataTypes.TimestampType, "ts");
    private static final FunctionContext MADRID = context("Europe/Madrid", true);
    private static final FunctionContext LEGACY = context("UTC", false);

    private static Literal timestamp(long micros) {
        return new Literal(micros, DataTypes.TimestampType);
    }

    @Test
    void extractsFieldsInTheSessionZone() {
        assertThat(values(call("year", TS), TIMES)).containsExactly(2022, null);
        assertThat(values(call("month", TS), TIMES)).containsExactly(5, null);
        assertThat(values(call("dayofmonth", TS), TIMES)).containsExactly(9, null);
        assertThat(values(call("dayofweek", TS), TIMES)).containsExactly(2, null);
        assertThat(values(call("hour", TS), TIMES)).containsExactly(10, null);
        assertThat(values(call(MADRID, "hour", TS), TIMES)).containsExactly(12, null);
        assertThat(values(call("minute", TS), TIMES)).containsExactly(5, null);
        assertThat(values(call("second", TS), TIMES)).containsExactly(7, null);
        assertThat(value(call("year", Literal.of("2019-12-31")))).isEqualTo(2019);
        assertThat(value(call("dayofweek", new Literal(0, DataTypes.DateType)))).isEqualTo(5);
        assertThat(call("year", TS).sql()).isEqualTo("year(ts)");
    }

    @Test
    void shiftsAndSubtractsDates() {
        assertThat(value(call("date_add", Literal.of("2024-02-28"), Literal.of(1)))).isEqualTo(19782);
        assertThat(value(call("date_sub", new Literal(19782, DataTypes.DateType), Literal.of(1)))).isEqualTo(19781);
        assertThat(value(call("datediff", Literal.of("2024-03-01"), Literal.of("2024-02-28")))).isEqualTo(2);
        assertThat(call("date_add", Literal.of("2024-02-28"), Literal.of(1)).dataType()).isEqualTo(DataTypes.DateType);
    }

    @Test
    void parsesTimestampsWithAndWithoutPatterns() {
        assertThat(value(call("to_timestamp", Literal.of("2022-05-09 10:05:07.25")))).isEqualTo(MICROS);
        assertThat(value(call("to_timestamp", Literal.of("09/05/2022 10:05:07"), Literal.of("dd/MM/yyyy HH:mm:ss"))))
                .isEqualTo(MICROS - 250_000L);
        assertThat(value(call(MADRID, "to_timestamp", Literal.of("2022-05-09 12:05"), Literal.of("yyyy-MM-dd HH:mm"))))
                .isEqualTo(1_652_090_700_000_000L);
        assertThat(value(call("to_timestamp", Literal.of("2022-05-09T10:05:07.250Z"),
                Literal.of("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")))).isEqualTo(MICROS);
        assertThat(value(call("to_timestamp", timestamp(MICROS)))).isEqualTo(MICROS);
        assertThat(value(call("to_date", Literal.of("2024-02-29")))).isEqualTo(19782);
        assertThat(value(call("to_date", Literal.of("29.02.2024"), Literal.of("dd.MM.yyyy")))).isEqualTo(19782);
        assertThat(value(call("to_date", timestamp(MICROS)))).isEqualTo(19121);
    }

    @Test
    void failsOnUnparsableTimestampsInAnsiModeOnly() {
        assertThatThrownBy(() -> value(call("to_timestamp", Literal.of("abc"), Literal.of("yyyy-MM-dd"))))
                .isInstanceOf(SluiceException.class)
                .hasMessage("[CANNOT_PARSE_TIMESTAMP] Text 'abc' could not be parsed at index 0. Use `try_to_timestamp`"
                        + " to tolerate invalid input string and return NULL instead. SQLSTATE: 22007");
        assertThatThrownBy(() -> value(call("to_timestamp", Literal.of("2024-02-30"), Literal.of("yyyy-MM-dd"))))
                .extracting(e -> ((SluiceException) e).getCondition()).isEqualTo("CANNOT_PARSE_TIMESTAMP");
        assertThatThrownBy(() -> value(call("to_timestamp", Literal.of("abc"))))
                .hasMessageStartingWith("[CAST_INVALID_INPUT]");
        assertThat(value(call("try_to_timestamp", Literal.of("abc"), Literal.of("yyyy-MM-dd")))).isNull();
        assertThat(value(call(LEGACY, "to_timestamp", Literal.of("abc"), Literal.of("yyyy-MM-dd")))).isNull();
        assertThat(value(call(LEGACY, "to_date", Literal.of("abc")))).isNull();
    }

    @Test
    void formatsAndConvertsUnixTimes() {
        assertThat(values(call("date_format", TS, Literal.of("yyyy/MM/dd HH:mm:ss.SSS")), TIMES))
                .containsExactly("2022/05/09 10:05:07.250", null);
        assertThat(value(call(MADRID, "date_format", timestamp(MICROS), Literal.of("HH:mm")))).isEqualTo("12:05");
        assertThat(value(call("unix_timestamp", timestamp(MICROS)))).isEqualTo(1_652_090_707L);
        assertThat(value(call("unix_timestamp", Literal.of("2022-05-09 10:05:07")))).isEqualTo(1_652_090_707L);
        assertThat(value(call("unix_timestamp", Literal.of("2022/05/09"), Literal.of("yyyy/MM/dd"))))
                .isEqualTo(1_652_054_400L);
        assertThat(value(call("from_unixtime", Literal.of(0L)))).isEqualTo("1970-01-01 00:00:00");
        assertThat(value(call("from_unixtime", Literal.of(1_652_090_707), Literal.of("yyyy-MM-dd")))).isEqualTo("2022-05-09");
        assertThat(call("unix_timestamp", timestamp(0)).sql()).isEqualTo("unix_timestamp(1970-01-01 00:00:00, yyyy-MM-dd HH:mm:ss)");
    }

    @Test
    void readsTheClockForCurrentTimestampAndDate() {
        long before = System.currentTimeMillis() * 1000;
        long now = (Long) value(call("current_timestamp"));
        assertThat(now).isBetween(before, System.currentTimeMillis() * 1000);
        assertThat(call("now").sql()).isEqualTo("now()");
        assertThat(new CurrentTimestamp().sql()).isEqualTo("current_timestamp()");
        assertThat((Integer) value(call("current_date"))).isBetween((int) (before / 86_400_000_000L) - 1,
                (int) (before / 86_400_000_000L) + 1);
        assertThat(value(call("unix_timestamp"))).isInstanceOf(Long.class);
    }
}
