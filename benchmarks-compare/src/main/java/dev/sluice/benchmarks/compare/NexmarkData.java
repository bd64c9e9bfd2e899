package dev.sluice.benchmarks.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.nexmark.Auction;
import dev.sluice.nexmark.Bid;
import dev.sluice.nexmark.Event;
import dev.sluice.nexmark.NexmarkConfig;
import dev.sluice.nexmark.NexmarkGenerator;
import dev.sluice.nexmark.NexmarkRows;
import dev.sluice.nexmark.Person;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The Nexmark events written once, as files both engines read: JSON Lines made here from the generator (file
 * {@code k} holds the {@code k}-th equal range of the stream, modification times increasing, so the file sources
 * read them in stream order), then each file converted to one Parquet file by Spark (timestamps as
 * {@code TIMESTAMP_MICROS}). A folder is reused when its {@code _DONE} marker exists. Single-threaded.
 */
final class NexmarkData {
    private static final JsonFactory JSON = new JsonFactory();

    private NexmarkData() {
    }

    /** The folder of {@code format} files holding the first {@code events} events of {@code config}'s stream. */
    static Path ensure(Path workDir, NexmarkConfig config, long events, int files, String format) throws IOException {
        Path root = workDir.resolve("nexmark-" + events + "-s" + config.seed() + "-r" + config.eventsPerSecond()
                + "-f" + files).toAbsolutePath();
        Path json = root.resolve("json");
        if (!Files.exists(json.resolve("_DONE"))) {
            writeJson(json, config, events, files);
        }
        if (format.equals("json")) {
            return json;
        }
        Path parquet = root.resolve("parquet");
        if (!Files.exists(parquet.resolve("_DONE"))) {
            toParquet(json, parquet, root.resolve("spark-work"));
        }
        return parquet;
    }

    private static void writeJson(Path dir, NexmarkConfig config, long events, int files) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
        NexmarkGenerator generator = new NexmarkGenerator(config);
        long perFile = (events + files - 1) / files;
        long time = System.currentTimeMillis() - files * 1000L;
        for (int f = 0; f < files; f++) {
            Path file = dir.resolve(String.format("part-%05d.json", f));
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 JsonGenerator g = JSON.createGenerator(out)) {
                g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
                for (long i = f * perFile; i < Math.min(events, (f + 1) * perFile); i++) {
                    write(g, generator.event(i));
                }
                g.writeRaw('\n');
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(time + f * 1000L));
        }
        Files.writeString(dir.resolve("_DONE"), events + " events\n");
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    private static void write(JsonGenerator g, Event e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("event_type", e.eventType());
        if (e.person() != null) {
            Person p = e.person();
            g.writeObjectFieldStart("person");
            g.writeNumberField("id", p.id());
            g.writeStringField("name", p.name());
            g.writeStringField("emailAddress", p.emailAddress());
            g.writeStringField("creditCard", p.creditCard());
            g.writeStringField("city", p.city());
            g.writeStringField("state", p.state());
            g.writeStringField("dateTime", iso(p.dateTime()));
            g.writeStringField("extra", p.extra());
            g.writeEndObject();
        }
        if (e.auction() != null) {
            Auction a = e.auction();
            g.writeObjectFieldStart("auction");
            g.writeNumberField("id", a.id());
            g.writeStringField("itemName", a.itemName());
            g.writeStringField("description", a.description());
            g.writeNumberField("initialBid", a.initialBid());
            g.writeNumberField("reserve", a.reserve());
            g.writeStringField("dateTime", iso(a.dateTime()));
            g.writeStringField("expires", iso(a.expires()));
            g.writeNumberField("seller", a.seller());
            g.writeNumberField("category", a.category());
            g.writeStringField("extra", a.extra());
            g.writeEndObject();
        }
        if (e.bid() != null) {
            Bid b = e.bid();
            g.writeObjectFieldStart("bid");
            g.writeNumberField("auction", b.auction());
            g.writeNumberField("bidder", b.bidder());
            g.writeNumberField("price", b.price());
            g.writeStringField("channel", b.channel());
            g.writeStringField("url", b.url());
            g.writeStringField("dateTime", iso(b.dateTime()));
            g.writeStringField("extra", b.extra());
            g.writeEndObject();
        }
        g.writeStringField("dateTime", iso(e.dateTime()));
        g.writeEndObject();
    }

    /** One Parquet file per JSON file, same order and modification times; Spark does the conversion. */
    private static void toParquet(Path json, Path parquet, Path work) throws IOException {
        deleteTree(parquet);
        Files.createDirectories(parquet);
        List<Path> inputs;
        try (Stream<Path> list = Files.list(json)) {
            inputs = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        SparkSession spark = SparkNexmark.session(work.toString());
        try {
            for (Path input : inputs) {
                Path out = work.resolve("convert");
                deleteTree(out);
                spark.read().schema(NexmarkRows.DDL).json(input.toString()).coalesce(1).write()
                        .parquet(out.toString());
                Path part;
                try (Stream<Path> list = Files.list(out)) {
                    part = list.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst()
                            .orElseThrow(() -> new IOException("Spark wrote no Parquet file for " + input));
                }
                Path target = parquet.resolve(input.getFileName().toString().replace(".json", ".parquet"));
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setLastModifiedTime(target, Files.getLastModifiedTime(input));
            }
        } finally {
            spark.stop();
        }
        deleteTree(work.resolve("convert"));
        Files.writeString(parquet.resolve("_DONE"), "from " + json + "\n");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
