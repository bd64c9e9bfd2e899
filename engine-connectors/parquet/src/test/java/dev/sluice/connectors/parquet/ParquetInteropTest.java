package dev.sluice.connectors.parquet;

import static dev.sluice.connectors.TestRows.micros;
import static dev.sluice.connectors.TestRows.row;
import static dev.sluice.connectors.TestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connectors.file.FileAccess;
import dev.sluice.connectors.file.FormatOptions;
import dev.sluice.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by other Parquet writers: legacy INT96 and millisecond timestamps, 2-level lists, MAP_KEY_VALUE. */
class ParquetInteropTest {
    @TempDir
    Path dir;

    @Test
    void readsLegacyLayoutsOfOtherWriters() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message legacy {
                  required int96 ts96;
                  optional int64 tsMillis (TIMESTAMP(MILLIS,true));
                  optional group twoLevel (LIST) {
                    repeated int32 array;
                  }
                  optional group kv (MAP_KEY_VALUE) {
                    repeated group map {
                      required binary key (UTF8);
                      optional int64 value;
                    }
                  }
                  optional binary name (ENUM);
                }
                """);
        Path file = dir.resolve("legacy.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withType(schema).build()) {
            Group g = groups.newGroup();
            // 2022-05-09 = Julian day 2459709; 10:05 = 36 300 s into the day.
            g.add("ts96", new NanoTime(2_459_709, 36_300L * 1_000_000_000L + 123_456_000L));
            g.add("tsMillis", 1_652_090_700_123L);
            Group list = g.addGroup("twoLevel");
            list.add("array", 1);
            list.add("array", 2);
            Group entry = g.addGroup("kv").addGroup("map");
            entry.add("key", "k");
            entry.add("value", 5L);
            g.add("name", "RED");
            writer.write(g);
        }
        StructType inferred = new ParquetFormat().inferSchema(List.of(FileAccess.path(file)), FormatOptions.empty());
        assertThat(inferred.simpleString())
                .isEqualTo("struct<ts96:timestamp,tsMillis:timestamp,twoLevel:array<int>,kv:map<string,bigint>,name:string>");
        assertThat(rows(new ParquetFormat().open(FileAccess.path(file), inferred, FormatOptions.empty()).readAll())).containsExactly(row(
                micros("2022-05-09T10:05:00.123456Z"), micros("2022-05-09T10:05:00.123Z"), List.of(1, 2), Map.of("k", 5L),
                "RED"));
    }
}
