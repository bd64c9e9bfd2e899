package dev.sluice.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local files go through java.nio without building a Hadoop configuration, and give what Hadoop's raw local file
 * system gives (the reference: the real Hadoop classes): the same qualified paths (recorded in source and sink
 * logs), the same listing, no replacing publication.
 */
class LocalFileAccessTest {
    /** An access of its own (a setting no other test uses), so that its lazily built configuration is its own. */
    private final FileAccess files = FileAccess.of(Map.of("spark.hadoop.sluice.test.local-file-access", "1"));

    @Test
    void qualifiedPathsAreHadoopsOwn(@TempDir java.nio.file.Path dir) throws Exception {
        FileSystem hadoop = FileSystem.getLocal(new Configuration()).getRawFileSystem();
        for (String user : List.of(dir.toString(), dir + "/a b/c.json", "file://" + dir + "/x", "file:" + dir + "/y",
                dir + "/./p/../q", "relative/dir", "../up", dir + "/trailing/", dir + "/%41")) {
            assertThat(files.qualify(user)).as(user).isEqualTo(hadoop.makeQualified(new Path(user)));
            assertThat(files.qualify(user).toString()).as(user).isEqualTo(hadoop.makeQualified(new Path(user)).toString());
        }
        assertThat(files.hadoopConfigured()).isFalse();
    }

    @Test
    void listingAndStatusMatchHadoopsRawLocalFileSystem(@TempDir java.nio.file.Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), "{\"a\":1}\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("with space.json"), "");
        // names a URI must quote or could misread: each listed path must still equal Hadoop's
        for (String odd : List.of("p%41.json", "\u00fc.json", "a#b.json", "q?x.json", "k=v", "[x].json")) {
            Files.writeString(dir.resolve(odd), "");
        }
        FileSystem hadoop = FileSystem.getLocal(new Configuration()).getRawFileSystem();
        Path folder = files.qualify(dir.toString());
        FileStatus[] mine = sorted(files.list(folder));
        FileStatus[] theirs = sorted(hadoop.listStatus(new Path(dir.toString())));
        assertThat(mine).hasSameSizeAs(theirs);
        for (int i = 0; i < mine.length; i++) {
            assertThat(mine[i].getPath()).isEqualTo(theirs[i].getPath());
            assertThat(mine[i].isDirectory()).isEqualTo(theirs[i].isDirectory());
            assertThat(mine[i].getModificationTime()).isEqualTo(theirs[i].getModificationTime());
            if (!mine[i].isDirectory()) {
                assertThat(mine[i].getLen()).isEqualTo(theirs[i].getLen());
            }
        }
        assertThat(files.list(files.qualify(dir.resolve("missing").toString()))).isEmpty();
        assertThat(files.statusOrNull(files.qualify(dir.resolve("missing").toString()))).isNull();
        assertThat(files.hadoopConfigured()).isFalse();
    }

    @Test
    void readWritePublishAndDeleteLocally(@TempDir java.nio.file.Path dir) throws Exception {
        Path file = files.qualify(dir.resolve("deep/er/f.txt").toString());
        try (OutputStream out = files.create(file)) {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> files.create(file)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        try (InputStream in = files.open(file)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThatThrownBy(() -> files.open(files.qualify(dir.resolve("none").toString())))
                .isInstanceOf(FileNotFoundException.class);

        Path published = files.qualify(dir.resolve("log/0").toString());
        files.mkdirs(published.getParent());
        assertThat(files.publish(published, "first".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(files.publish(published, "second".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Files.readString(dir.resolve("log/0"))).isEqualTo("first");
        try (var left = Files.list(dir.resolve("log"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("0"); // no temporary file behind
        }

        files.move(file, files.qualify(dir.resolve("archive/f.txt").toString()));
        assertThat(dir.resolve("archive/f.txt")).hasContent("hello");
        assertThat(files.delete(files.qualify(dir.resolve("deep").toString()), true)).isTrue();
        assertThat(dir.resolve("deep")).doesNotExist();
        assertThat(files.delete(files.qualify(dir.resolve("deep").toString()), true)).isFalse();
        assertThat(files.hadoopConfigured()).isFalse();
    }

    @Test
    void otherSchemesAndARedefinedDefaultFileSystemGoThroughHadoop() throws Exception {
        FileAccess redefined = FileAccess.of(Map.of("spark.hadoop.fs.defaultFS", "file:///"));
        assertThat(redefined.localFile(new Path("/tmp"))).isNotNull();
        FileAccess custom = FileAccess.of(Map.of("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem"));
        assertThat(custom.localFile(new Path("/tmp"))).isNull();
        assertThat(files.localFile(new Path("hdfs://namenode:8020/x"))).isNull();
    }

    private static FileStatus[] sorted(FileStatus[] statuses) {
        FileStatus[] copy = statuses.clone();
        Arrays.sort(copy, Comparator.comparing(s -> s.getPath().toString()));
        return copy;
    }
}
