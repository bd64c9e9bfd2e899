package dev.sluice.exec;

import static dev.sluice.expr.ExpressionTestSupport.column;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.batch.Chunk;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShowFormatterTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static String show(List<String> names, List<DataType> types, Chunk rows, int numRows, int truncate,
            boolean vertical) {
        return ShowFormatter.showString(names, types, rows, numRows, truncate, vertical, UTC);
    }

    private static Chunk people() {
        return new Chunk(2, column(DataTypes.StringType, "Alice", "Bob"), column(DataTypes.IntegerType, 30, null));
    }

    @Test
    void printsAPlainTableWithNulls() {
        String text = show(List.of("name", "age"), List.of(DataTypes.StringType, DataTypes.IntegerType), people(), 20,
                20, false);
        assertThat(text).isEqualTo("""
                +-----+----+
                | name| age|
                +-----+----+
                |Alice|  30|
                |  Bob|NULL|
                +-----+----+
                """);
    }

    @Test
    void truncatesLongCellsToSeventeenCharactersAndAnEllipsis() {
        Chunk rows = new Chunk(1, column(DataTypes.StringType, "abcdefghijklmnopqrstuvwxy"));
        assertThat(show(List.of("text"), List.of(DataTypes.StringType), rows, 20, 20, false)).isEqualTo("""
                +--------------------+
                |                text|
                +--------------------+
                |abcdefghijklmnopq...|
                +--------------------+
                """);
        assertThat(show(List.of("text"), List.of(DataTypes.StringType), rows, 20, 3, false)).isEqualTo("""
                +----+
                |text|
                +----+
                | abc|
                +----+
                """);
    }

    @Test
    void leftAlignsWithoutTruncation() {
        Chunk rows = new Chunk(2, column(DataTypes.StringType, "abcdefghijklmnopqrstuvwxy", "a"));
        assertThat(show(List.of("text"), List.of(DataTypes.StringType), rows, 20, 0, false)).isEqualTo("""
                +-------------------------+
                |text                     |
                +-------------------------+
                |abcdefghijklmnopqrstuvwxy|
                |a                        |
                +-------------------------+
                """);
    }

    @Test
    void printsNestedValues() {
        StructType struct = new StructType().add("a", DataTypes.IntegerType)
                .add("b", new ArrayType(DataTypes.StringType, true));
        MapType map = new MapType(DataTypes.StringType, DataTypes.IntegerType, true);
        Chunk rows = new Chunk(1, column(struct, Arrays.asList(1, Arrays.asList("x", null))), column(map, Map.of("k", 1)),
                column(DataTypes.BinaryType, (Object) new byte[] {1, 2, 10}),
                column(new DecimalType(3, 2), new BigDecimal("3.10")), column(DataTypes.DoubleType, 1.2345678E7));
        String text = show(List.of("s", "m", "bin", "d", "x"), List.of(struct, map, DataTypes.BinaryType,
                new DecimalType(3, 2), DataTypes.DoubleType), rows, 20, 20, false);
        assertThat(text).isEqualTo("""
                +--------------+--------+----------+----+-----------+
                |             s|       m|       bin|   d|          x|
                +--------------+--------+----------+----+-----------+
                |{1, [x, NULL]}|{k -> 1}|[01 02 0A]|3.10|1.2345678E7|
                +--------------+--------+----------+----+-----------+
                """);
    }

    @Test
    void saysOnlyTheTopRowsWereShown() {
        Chunk rows = new Chunk(3, column(DataTypes.LongType, 1L, 2L, 3L));
        assertThat(show(List.of("id"), List.of(DataTypes.LongType), rows, 2, 20, false)).isEqualTo("""
                +---+
                | id|
                +---+
                |  1|
                |  2|
                +---+
                only showing top 2 rows
                """);
        assertThat(show(List.of("id"), List.of(DataTypes.LongType), rows, 1, 20, false))
                .endsWith("+---+\nonly showing top 1 row\n");
    }

    @Test
    void printsAnEmptyTable() {
        Chunk rows = new Chunk(0, column(DataTypes.StringType));
        assertThat(show(List.of("word"), List.of(DataTypes.StringType), rows, 20, 20, false)).isEqualTo("""
                +----+
                |word|
                +----+
                +----+
                """);
    }

    @Test
    void printsRecordsVertically() {
        String text = show(List.of("name", "age"), List.of(DataTypes.StringType, DataTypes.IntegerType), people(), 20,
                20, true);
        assertThat(text).isEqualTo("""
                -RECORD 0-----
                 name | Alice\s
                 age  | 30   \s
                -RECORD 1-----
                 name | Bob  \s
                 age  | NULL \s
                """);
        Chunk none = new Chunk(0, column(DataTypes.StringType));
        assertThat(show(List.of("a"), List.of(DataTypes.StringType), none, 20, 20, true)).isEqualTo("(0 rows)\n");
    }

    @Test
    void countsFullWidthCharactersTwiceAndEscapesLineBreaks() {
        Chunk rows = new Chunk(2, column(DataTypes.StringType, "日本", "a\nb"));
        assertThat(show(List.of("w"), List.of(DataTypes.StringType), rows, 20, 20, false)).isEqualTo("""
                +----+
                |   w|
                +----+
                |日本|
                |a\\nb|
                +----+
                """);
    }

    @Test
    void printsTimestampsInTheSessionZone() {
        Chunk rows = new Chunk(1, column(DataTypes.TimestampType, 1_652_090_700_000_000L));
        assertThat(ShowFormatter.showString(List.of("ts"), List.of(DataTypes.TimestampType), rows, 20, 20, false,
                ZoneId.of("Europe/Paris"))).isEqualTo("""
                +-------------------+
                |                 ts|
                +-------------------+
                |2022-05-09 12:05:00|
                +-------------------+
                """);
    }
}
