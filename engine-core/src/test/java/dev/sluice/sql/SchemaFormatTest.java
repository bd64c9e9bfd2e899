package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.DataType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** printSchema() trees and type strings, character for character as Spark prints them. */
class SchemaFormatTest {
    @Test
    void invoiceSchemaTreeFromTheTutorial() {
        StructType schema = StructType.fromDDL("CESS DOUBLE, CreatedTime BIGINT, DeliveryAddress STRUCT<AddressLine:"
                + " STRING, City: STRING>, InvoiceLineItems ARRAY<STRUCT<ItemCode: STRING, ItemQty: BIGINT>>,"
                + " Tags MAP<STRING, INT>, Price DECIMAL(20,0), Born DATE NOT NULL");
        assertThat(schema.treeString()).isEqualTo("""
                root
                 |-- CESS: double (nullable = true)
                 |-- CreatedTime: long (nullable = true)
                 |-- DeliveryAddress: struct (nullable = true)
                 |    |-- AddressLine: string (nullable = true)
                 |    |-- City: string (nullable = true)
                 |-- InvoiceLineItems: array (nullable = true)
                 |    |-- element: struct (containsNull = true)
                 |    |    |-- ItemCode: string (nullable = true)
                 |    |    |-- ItemQty: long (nullable = true)
                 |-- Tags: map (nullable = true)
                 |    |-- key: string
                 |    |-- value: integer (valueContainsNull = true)
                 |-- Price: decimal(20,0) (nullable = true)
                 |-- Born: date (nullable = false)
                """);
        assertThat(schema.simpleString()).isEqualTo("struct<CESS:double,CreatedTime:bigint,DeliveryAddress:struct<"
                + "AddressLine:string,City:string>,InvoiceLineItems:array<struct<ItemCode:string,ItemQty:bigint>>,"
                + "Tags:map<string,int>,Price:decimal(20,0),Born:date>");
    }

    @Test
    void typeStringsRoundTrip() {
        for (String s : new String[] {"int", "bigint", "string", "decimal(20,0)", "array<int>", "map<string,double>",
                "struct<a:int,b:array<string>>", "timestamp", "date", "boolean", "binary", "float", "smallint",
                "tinyint"}) {
            DataType type = DataType.fromDDL(s);
            assertThat(type.simpleString()).isEqualTo(s);
        }
        assertThat(DataType.fromDDL("INTEGER")).isEqualTo(DataTypes.IntegerType);
        assertThat(DataType.fromDDL("decimal")).isEqualTo(DataTypes.createDecimalType(10, 0));
    }

    @Test
    void builderAddsFieldsImmutably() {
        StructType empty = new StructType();
        StructType one = empty.add("a", DataTypes.IntegerType, false).add("b", "array<string>");
        assertThat(empty.length()).isZero();
        assertThat(one.fieldNames()).containsExactly("a", "b");
        assertThat(one.toDDL()).isEqualTo("a INT NOT NULL,b ARRAY<STRING>");
        assertThat(StructType.fromDDL(one.toDDL())).isEqualTo(one);
    }
}
