package dev.sluice.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueRenderingTest {
    @Test
    void rendersAtomicValuesLikeSparkCasts() {
        assertThat(ValueRendering.render(1.2345678E7, DataTypes.DoubleType)).isEqualTo("1.2345678E7");
        assertThat(ValueRendering.render(new BigDecimal("3.10"), new DecimalType(3, 2))).isEqualTo("3.10");
        assertThat(ValueRendering.render(new BigDecimal("1E-10"), new DecimalType(11, 10))).isEqualTo("0.0000000001");
        assertThat(ValueRendering.render(42L, DataTypes.LongType)).isEqualTo("42");
        assertThat(ValueRendering.render(-1, DataTypes.DateType)).isEqualTo("1969-12-31");
        assertThat(ValueRendering.render(1_652_090_700_120_000L, DataTypes.TimestampType))
                .isEqualTo("2022-05-09 10:05:00.12");
        assertThat(ValueRendering.render(1_652_090_700_000_000L, DataTypes.TimestampType, ZoneId.of("Asia/Tokyo")))
                .isEqualTo("2022-05-09 19:05:00");
        assertThat(ValueRendering.render(-1L, DataTypes.TimestampType)).isEqualTo("1969-12-31 23:59:59.999999");
    }

    @Test
    void rendersNestedValuesWithCastAndShowStyles() {
        StructType item = new StructType().add("name", DataTypes.StringType).add("price", DataTypes.DoubleType);
        ArrayType items = new ArrayType(item, true);
        List<Object> value = Arrays.asList(Arrays.asList("pen", 1.5), null, Arrays.asList(null, 2.0));
        assertThat(ValueRendering.render(value, items)).isEqualTo("[{pen, 1.5}, null, {null, 2.0}]");
        assertThat(ValueRendering.renderForShow(value, items, ZoneId.of("UTC"))).isEqualTo("[{pen, 1.5}, NULL, {NULL, 2.0}]");
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", null);
        MapType mapType = new MapType(DataTypes.StringType, DataTypes.IntegerType, true);
        assertThat(ValueRendering.render(map, mapType)).isEqualTo("{a -> 1, b -> null}");
        assertThat(ValueRendering.renderForShow(new byte[] {1, 2, 10}, DataTypes.BinaryType, ZoneId.of("UTC")))
                .isEqualTo("[01 02 0A]");
        assertThat(ValueRendering.renderForShow(null, DataTypes.IntegerType, ZoneId.of("UTC"))).isEqualTo("NULL");
        assertThat(ValueRendering.render(List.of(), new ArrayType(DataTypes.IntegerType, true))).isEqualTo("[]");
    }
}
