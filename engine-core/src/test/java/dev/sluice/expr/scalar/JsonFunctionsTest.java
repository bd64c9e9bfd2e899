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

import dev.sluice.expr.Expression;
import dev.sluice.expr.Literal;
import dev.sluice.sql.AnalysisException;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.DecimalType;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFunctionsTest {
    private static final StructType LINE_ITEM = new StructType().add("ItemCode", DataTypes.StringType)
            .add("ItemDescription", DataTypes.StringType).add("ItemPrice", DataTypes.DoubleType)
            .add("ItemQty", DataTypes.IntegerType).add("TotalValue", DataTypes.DoubleType);
    private static final StructType INVOICE = new StructType().add("InvoiceNumber", DataTypes.StringType)
            .add("CreatedTime", DataTypes.LongType).add("StoreID", DataTypes.StringType)
            .add("TotalAmount", DataTypes.DoubleType).add("NumberOfItems", DataTypes.IntegerType)
            .add("DeliveryAddress", new StructType().add("City", DataTypes.StringType).add("PinCode", DataTypes.StringType))
            .add("InvoiceLineItems", new ArrayType(LINE_ITEM, true));
    private static final String INVOICE_JSON = "{\"InvoiceNumber\":\"51402977\",\"CreatedTime\":1595688900348,"
            + "\"StoreID\":\"STR7188\",\"PosID\":\"POS956\",\"TotalAmount\":11114.0,\"NumberOfItems\":4,"
            + "\"DeliveryAddress\":{\"City\":\"Mumbai\",\"PinCode\":\"400001\"},"
            + "\"InvoiceLineItems\":[{\"ItemCode\":\"458\",\"ItemDescription\":\"Wine glass\",\"ItemPrice\":1644.0,"
            + "\"ItemQty\":2,\"TotalValue\":3288.0},{\"ItemCode\":\"283\",\"ItemDescription\":\"Portable Lamps\","
            + "\"ItemPrice\":2236.0,\"ItemQty\":1,\"TotalValue\":2236.0}]}";

    private static Object fromJson(String json, DataType schema) {
        return value(call("from_json", new Literal(json, DataTypes.StringType), new Literal(schema, schema)));
    }

    @Test
    void readsTheInvoiceShape() {
        Object invoice = fromJson(INVOICE_JSON, INVOICE);
        assertThat(invoice).isEqualTo(Arrays.asList("51402977", 1595688900348L, "STR7188", 11114.0, 4,
                List.of("Mumbai", "400001"), List.of(List.of("458", "Wine glass", 1644.0, 2, 3288.0),
                        List.of("283", "Portable Lamps", 2236.0, 1, 2236.0))));
        Expression parsed = call("from_json", ref(0, DataTypes.StringType, "value"), new Literal(INVOICE, INVOICE));
        assertThat(parsed.dataType()).isEqualTo(INVOICE);
        assertThat(parsed.sql()).isEqualTo("from_json(value)");
    }

    /**
     * {@code from_json(CAST(value AS STRING))} over a binary column parses the bytes (FromJsonFunction's bytes path)
     * with the cast's result: invalid UTF-8 is replaced by U+FFFD as the cast does, raw non-ASCII text is kept, NULL
     * stays NULL; the generated name still shows the cast.
     */
    @Test
    void readsACastBinaryValueAsTheCastsString() {
        StructType schema = new StructType().add("a", DataTypes.StringType).add("n", DataTypes.IntegerType);
        byte[] ascii = "{\"a\":\"x\",\"n\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] wide = "{\"a\":\"\u00e9\u20ac\",\"n\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', 'x', (byte) 0xFF, '"', ',', '"', 'n', '"', ':', '3', '}'};
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        Expression value = ref(0, DataTypes.BinaryType, "value");
        Expression parsed = call("from_json", new dev.sluice.expr.Cast(value, DataTypes.StringType, context("UTC", false)),
                new Literal(schema, schema));
        assertThat(parsed.sql()).isEqualTo("from_json(CAST(value AS STRING))");
        assertThat(values(parsed, chunk(column(DataTypes.BinaryType, ascii, wide, invalid, null, bom)))).containsExactly(
                Arrays.asList("x", 1), Arrays.asList("\u00e9\u20ac", 2), Arrays.asList("x\uFFFD", 3), null,
                Arrays.asList(null, null)); // a leading U+FEFF is not JSON whitespace: malformed, as the String parses
    }

    @Test
    void roundTripsTheInvoiceThroughToJson() {
        Literal invoice = new Literal(fromJson(INVOICE_JSON, INVOICE), INVOICE);
        String json = (String) value(call("to_json", invoice));
        assertThat(json).isEqualTo(INVOICE_JSON.replace("\"PosID\":\"POS956\",", ""));
        assertThat(fromJson(json, INVOICE)).isEqualTo(invoice.value());
    }

    @Test
    void writesSparkNumberAndTimestampFormats() {
        Expression notification = call("named_struct", Literal.of("CustomerCardNo"), Literal.of("4629185211"),
                Literal.of("TotalAmount"), Literal.of(3374.0), Literal.of("EarnedLoyaltyPoints"),
                Literal.of(3374.0 * 0.2), Literal.of("Missing"), new Literal(null, DataTypes.StringType),
                Literal.of("Created"), new Literal(1_652_090_700_000_000L, DataTypes.TimestampType),
                Literal.of("Day"), new Literal(19121, DataTypes.DateType),
                Literal.of("Price"), new Literal(new BigDecimal("3.10"), new DecimalType(3, 2)),
                Literal.of("Big"), Literal.of(12345678.0));
        assertThat(value(call("to_json", notification))).isEqualTo("{\"CustomerCardNo\":\"4629185211\","
                + "\"TotalAmount\":3374.0,\"EarnedLoyaltyPoints\":674.8000000000001,"
                + "\"Created\":\"2022-05-09T10:05:00.000Z\",\"Day\":\"2022-05-09\",\"Price\":3.10,\"Big\":1.2345678E7}");
        Expression created = call("named_struct", Literal.of("t"), new Literal(1_652_090_700_000_000L, DataTypes.TimestampType));
        assertThat(value(call(context("Europe/Madrid", true), "to_json", created)))
                .isEqualTo("{\"t\":\"2022-05-09T12:05:00.000+02:00\"}");
        MapType map = new MapType(DataTypes.StringType, DataTypes.IntegerType, true);
        assertThat(value(call("to_json", new Literal(Map.of("a", 1), map)))).isEqualTo("{\"a\":1}");
        ArrayType array = new ArrayType(DataTypes.IntegerType, true);
        assertThat(value(call("to_json", new Literal(Arrays.asList(1, null), array)))).isEqualTo("[1,null]");
    }

    @Test
    void isPermissiveWithMalformedInput() {
        StructType schema = new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType);
        assertThat(fromJson("{\"a\": 1, \"b\": ", schema)).isEqualTo(Arrays.asList(null, null));
        assertThat(fromJson("not json", schema)).isEqualTo(Arrays.asList(null, null));
        assertThat(fromJson("{\"a\": \"x\", \"b\": 5}", schema)).isEqualTo(Arrays.asList(null, "5"));
        assertThat(fromJson("{\"a\": 1.5, \"b\": {\"c\": [1]}}", schema)).isEqualTo(Arrays.asList(null, "{\"c\":[1]}"));
        assertThat(fromJson("{\"A\": 1}", schema)).isEqualTo(Arrays.asList(null, null));
        assertThat(fromJson("[1, 2]", new ArrayType(DataTypes.IntegerType, true))).isEqualTo(List.of(1, 2));
        assertThat(fromJson("{", new ArrayType(DataTypes.IntegerType, true))).isNull();
        assertThat(values(call("from_json", ref(0, DataTypes.StringType, "v"), new Literal(schema, schema)),
                chunk(column(DataTypes.StringType, "{\"a\":7}", null)))).containsExactly(Arrays.asList(7, null), null);
    }

    @Test
    void readsTimestampsDecimalsAndMapsAndAcceptsDdlSchemas() {
        Expression call = call("from_json", Literal.of("{\"t\":\"2022-05-09T10:05:00.000Z\",\"d\":3.105,\"m\":{\"x\":1}}"),
                Literal.of("t TIMESTAMP, d DECIMAL(4,2), m MAP<STRING, INT>"));
        assertThat(value(call)).isEqualTo(List.of(1_652_090_700_000_000L, new BigDecimal("3.11"), Map.of("x", 1)));
        assertThatThrownBy(() -> call("from_json", Literal.of("{}"), ref(0, DataTypes.StringType, "s")))
                .isInstanceOf(AnalysisException.class)
                .extracting(e -> ((AnalysisException) e).getCondition())
                .isEqualTo("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT");
        assertThatThrownBy(() -> call("to_json", Literal.of(1)))
                .hasMessageContaining("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    }
}
