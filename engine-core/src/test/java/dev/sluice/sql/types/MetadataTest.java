package dev.sluice.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** {@code Metadata}/{@code MetadataBuilder} as Spark's Java surface; JSON texts written by hand from Spark's format. */
class MetadataTest {

    @Test
    void builderGettersAndJsonInInsertionOrder() {
        Metadata inner = new MetadataBuilder().putBoolean("pii", true).build();
        Metadata m = new MetadataBuilder().putString("comment", "customer id").putLong("scale", 2)
                .putDouble("weight", 1.5).putMetadata("tags", inner).putLongArray("ids", new long[] {1, 2})
                .putStringArray("names", new String[] {"a", "b"}).putNull("none").build();
        assertThat(m.getString("comment")).isEqualTo("customer id");
        assertThat(m.getLong("scale")).isEqualTo(2L);
        assertThat(m.getDouble("weight")).isEqualTo(1.5);
        assertThat(m.getMetadata("tags").getBoolean("pii")).isTrue();
        assertThat(m.getLongArray("ids")).containsExactly(1L, 2L);
        assertThat(m.getStringArray("names")).containsExactly("a", "b");
        assertThat(m.contains("none")).isTrue();
        assertThat(m.contains("other")).isFalse();
        assertThat(m.json()).isEqualTo("{\"comment\":\"customer id\",\"scale\":2,\"weight\":1.5,\"tags\":{\"pii\":true},"
                + "\"ids\":[1,2],\"names\":[\"a\",\"b\"],\"none\":null}");
        assertThat(m.toString()).isEqualTo(m.json());
        assertThat(Metadata.empty().json()).isEqualTo("{}");
    }

    @Test
    void fromJsonReadsBackWhatJsonWrites() {
        Metadata m = new MetadataBuilder().putString("c", "x").putDoubleArray("d", new double[] {0.5, 2.0})
                .putBooleanArray("b", new boolean[] {true, false})
                .putMetadataArray("ms", new Metadata[] {Metadata.empty()}).build();
        Metadata back = Metadata.fromJson(m.json());
        assertThat(back).isEqualTo(m);
        assertThat(back.hashCode()).isEqualTo(m.hashCode());
        assertThat(back.getDoubleArray("d")).containsExactly(0.5, 2.0);
        assertThat(Metadata.fromJson("{\"n\":3,\"e\":[]}").getLongArray("e")).isEmpty();
        assertThat(new MetadataBuilder().withMetadata(m).remove("c").build().contains("c")).isFalse();
    }

    @Test
    void aMissingKeyIsNoSuchElementAndAWrongTypeIsAClassCast() {
        Metadata m = new MetadataBuilder().putLong("n", 1).build();
        assertThatThrownBy(() -> m.getString("x")).isInstanceOf(NoSuchElementException.class)
                .hasMessage("key not found: x");
        assertThatThrownBy(() -> m.getString("n")).isInstanceOf(ClassCastException.class);
    }

    @Test
    void structFieldsCarryMetadataAndCompareIt() {
        Metadata m = new MetadataBuilder().putString("comment", "id").build();
        StructField f = DataTypes.createStructField("id", DataTypes.IntegerType, false, m);
        assertThat(f.metadata()).isEqualTo(m);
        assertThat(f.withName("key").metadata()).isEqualTo(m);
        assertThat(f).isNotEqualTo(new StructField("id", DataTypes.IntegerType, false));
        assertThat(new StructField("id", DataTypes.IntegerType, false).metadata()).isEqualTo(Metadata.empty());
        assertThat(new StructType().add("id", DataTypes.IntegerType, false, m).fields()[0]).isEqualTo(f);
    }
}
