package dev.sluice.connectors.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * The codecs of one Parquet file writer or reader, through parquet's {@link CompressionCodecFactory} interface. Snappy
 * (Spark's default codec) calls snappy-java directly, the library parquet-hadoop's own {@code SnappyCompressor} and
 * {@code SnappyDecompressor} call, on the whole page as they do (one raw snappy block per page), so the bytes are the
 * same; uncompressed pages pass through. Every other codec comes from parquet-hadoop's {@link CodecFactory}, created
 * on first use. On the read side this also spares a Hadoop decompressor stream per page.
 *
 * <p>Why not parquet-hadoop's factory for snappy too: it reaches the codec as a Hadoop {@code CompressionCodec} through
 * Hadoop's {@code ReflectionUtils}, {@code Configuration} and {@code CodecPool}, which loads about 250 classes the
 * first time a JVM writes a Parquet file (shaded Guava's cache, MapReduce's configuration keys, commons-collections,
 * the platform MBeans for a thread bean): a quarter of a second of a cold start for nothing a snappy page needs.
 * Reads of snappy and uncompressed files skip them too.
 *
 * <p>Not thread-safe: one per writer or reader, like parquet's factory (each calls it from its own thread); the snappy
 * and uncompressed codecs themselves are stateless.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    private final int pageSize;
    private final Map<CompressionCodecName, BytesInputCompressor> compressors = new EnumMap<>(CompressionCodecName.class);
    private CodecFactory hadoopCodecs;

    ParquetCodecs(int pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return compressors.computeIfAbsent(codec, name -> switch (name) {
            case SNAPPY -> new SnappyPages();
            case UNCOMPRESSED -> new Uncompressed();
            default -> hadoopCodecs().getCompressor(name);
        });
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case SNAPPY -> SnappyPages.INSTANCE;
            case UNCOMPRESSED -> Uncompressed.INSTANCE;
            default -> hadoopCodecs().getDecompressor(codec);
        };
    }

    @Override
    public void release() {
        if (hadoopCodecs != null) {
            hadoopCodecs.release();
        }
        compressors.clear();
    }

    private CodecFactory hadoopCodecs() {
        if (hadoopCodecs == null) {
            hadoopCodecs = new CodecFactory(ParquetFiles.configuration(), pageSize);
        }
        return hadoopCodecs;
    }

    /**
     * A page compressed as one raw snappy block (Parquet's SNAPPY codec: no framing, no length prefix). Empty input
     * stays empty, as with parquet-hadoop's compressor (which never calls snappy without input).
     */
    private static final class SnappyPages implements BytesInputCompressor, BytesInputDecompressor {
        /** Stateless: shared by every reader. */
        static final SnappyPages INSTANCE = new SnappyPages();

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (uncompressedSize == 0) {
                return BytesInput.empty();
            }
            byte[] in = bytes.toByteArray();
            byte[] out = new byte[uncompressedSize];
            int length = Snappy.uncompress(in, 0, in.length, out, 0);
            if (length != uncompressedSize) {
                throw new IOException("snappy page of " + length + " bytes, expected " + uncompressedSize);
            }
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            BytesInput out = decompress(BytesInput.from(in), uncompressedSize);
            output.put(out.toByteBuffer());
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (bytes.size() == 0) {
                return BytesInput.empty();
            }
            return BytesInput.from(Snappy.compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {
        }
    }

    private static final class Uncompressed implements BytesInputCompressor, BytesInputDecompressor {
        static final Uncompressed INSTANCE = new Uncompressed();

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
            return bytes;
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
            ByteBuffer slice = input.duplicate();
            slice.limit(slice.position() + compressedSize);
            output.put(slice);
        }

        @Override
        public BytesInput compress(BytesInput bytes) {
            return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release() {
        }
    }
}
