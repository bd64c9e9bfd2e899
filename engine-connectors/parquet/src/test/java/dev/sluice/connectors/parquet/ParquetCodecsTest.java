package dev.sluice.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** Reads decompress snappy pages to exactly what parquet-hadoop's decompressor gives, through both entry points. */
    @Test
    void snappyPagesDecompressAsParquetHadoops() throws IOException {
        Random random = new Random(23);
        byte[] noise = new byte[70_000];
        random.nextBytes(noise);
        byte[] repetitive = new byte[1024 * 1024 + 5];
        for (int i = 0; i < repetitive.length; i++) {
            repetitive[i] = (byte) (i % 13 < 9 ? 'x' : i % 5);
        }
        byte[][] pages = {{42}, "{\"id\":0}".getBytes(StandardCharsets.UTF_8), noise, repetitive};
        CompressionCodecFactory ours = new ParquetCodecs(0);
        CodecFactory parquets = new CodecFactory(ParquetFiles.configuration(), PAGE);
        try {
            assertThat(ours.getDecompressor(CompressionCodecName.SNAPPY).decompress(BytesInput.empty(), 0).size())
                    .isZero();
            for (byte[] page : pages) {
                byte[] compressed = parquets.getCompressor(CompressionCodecName.SNAPPY).compress(BytesInput.from(page))
                        .toByteArray();
                byte[] expected = parquets.getDecompressor(CompressionCodecName.SNAPPY)
                        .decompress(BytesInput.from(compressed), page.length).toByteArray();
                assertThat(expected).isEqualTo(page);
                assertThat(ours.getDecompressor(CompressionCodecName.SNAPPY)
                        .decompress(BytesInput.from(compressed), page.length).toByteArray())
                        .as("snappy page of %d bytes", page.length).isEqualTo(expected);
                java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(page.length);
                ours.getDecompressor(CompressionCodecName.SNAPPY).decompress(java.nio.ByteBuffer.wrap(compressed),
                        compressed.length, out, page.length);
                assertThat(out.array()).isEqualTo(expected);
            }
            byte[] page = "plain bytes".getBytes(StandardCharsets.UTF_8);
            assertThat(ours.getDecompressor(CompressionCodecName.UNCOMPRESSED).decompress(BytesInput.from(page),
                    page.length).toByteArray()).isEqualTo(page);
            assertThatThrownBy(() -> ours.getDecompressor(CompressionCodecName.SNAPPY)
                    .decompress(BytesInput.from(parquets.getCompressor(CompressionCodecName.SNAPPY)
                            .compress(BytesInput.from(noise)).toByteArray()), noise.length + 1))
                    .isInstanceOf(IOException.class);
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
