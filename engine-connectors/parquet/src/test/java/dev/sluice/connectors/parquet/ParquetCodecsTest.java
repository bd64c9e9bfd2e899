package dev.sluice.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/**
 * {@link ParquetCodecs} writes the same page bytes as parquet-hadoop's Hadoop-codec factory (what every Parquet write
 * used before it): Spark reads the files as before, and a file Sluice writes does not change with the factory.
 */
class ParquetCodecsTest {
    private static final int PAGE = ParquetProperties.DEFAULT_PAGE_SIZE;

    @Test
    void snappyPagesAreByteForByteParquetHadoops() throws IOException {
        Random random = new Random(19);
        byte[] noise = new byte[100_000];
        random.nextBytes(noise);
        byte[] repetitive = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < repetitive.length; i++) {
            repetitive[i] = (byte) (i % 251 < 200 ? 'a' : i % 7);
        }
        byte[][] pages = {new byte[0], {42}, "{\"id\":0,\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8), noise, repetitive};
        CompressionCodecFactory ours = new ParquetCodecs(PAGE);
        CodecFactory parquets = new CodecFactory(ParquetFiles.configuration(), PAGE);
        try {
            for (byte[] page : pages) {
                byte[] expected = parquets.getCompressor(CompressionCodecName.SNAPPY).compress(BytesInput.from(page))
                        .toByteArray();
                byte[] actual = ours.getCompressor(CompressionCodecName.SNAPPY).compress(BytesInput.from(page)).toByteArray();
                assertThat(actual).as("snappy page of %d bytes", page.length).isEqualTo(expected);
                if (page.length > 0) {
                    assertThat(parquets.getDecompressor(CompressionCodecName.SNAPPY).decompress(BytesInput.from(actual),
                            page.length).toByteArray()).isEqualTo(page);
                }
            }
        } finally {
            ours.release();
            parquets.release();
        }
    }

    @Test
    void uncompressedPassesThroughAndOtherCodecsAreParquetHadoops() throws IOException {
        byte[] page = "a page, a page, a page".getBytes(StandardCharsets.UTF_8);
        CompressionCodecFactory ours = new ParquetCodecs(PAGE);
        CodecFactory parquets = new CodecFactory(ParquetFiles.configuration(), PAGE);
        try {
            assertThat(ours.getCompressor(CompressionCodecName.UNCOMPRESSED).compress(BytesInput.from(page)).toByteArray())
                    .isEqualTo(page);
            assertThat(ours.getCompressor(CompressionCodecName.SNAPPY).getCodecName()).isEqualTo(CompressionCodecName.SNAPPY);
            for (CompressionCodecName codec : new CompressionCodecName[] {CompressionCodecName.GZIP,
                    CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW}) {
                CompressionCodecFactory.BytesInputCompressor compressor = ours.getCompressor(codec);
                assertThat(compressor.getCodecName()).isEqualTo(codec);
                assertThat(compressor.compress(BytesInput.from(page)).toByteArray()).as(codec.name())
                        .isEqualTo(parquets.getCompressor(codec).compress(BytesInput.from(page)).toByteArray());
            }
        } finally {
            ours.release();
            parquets.release();
        }
    }
}
