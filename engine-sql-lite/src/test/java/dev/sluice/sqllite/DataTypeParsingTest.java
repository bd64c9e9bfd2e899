package dev.sluice.sqllite;

import static dev.sluice.sqllite.SqlParser.parseDataType;
import static dev.sluice.sqllite.SqlParser.parseSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sqllite.ast.ArrayTypeSpec;
import dev.sluice.sqllite.ast.DecimalTypeSpec;
import dev.sluice.sqllite.ast.FieldSpec;
import dev.sluice.sqllite.ast.MapTypeSpec;
import dev.sluice.sqllite.ast.PrimitiveKind;
import dev.sluice.sqllite.ast.PrimitiveTypeSpec;
import dev.sluice.sqllite.ast.StructTypeSpec;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataTypeParsingTest {

  private static final PrimitiveTypeSpec INT = new PrimitiveTypeSpec(PrimitiveKind.INT);
  private static final PrimitiveTypeSpec STRING = new PrimitiveTypeSpec(PrimitiveKind.STRING);

  @Nested
  class DataTypes {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "boolean, BOOLEAN", "tinyint, BYTE", "byte, BYTE", "smallint, SHORT", "short, SHORT",
        "int, INT", "INTEGER, INT", "bigint, LONG", "long, LONG", "float, FLOAT", "real, FLOAT",
        "double, DOUBLE", "string, STRING", "varchar(10), STRING", "char(3), STRING",
        "binary, BINARY", "date, DATE", "timestamp, TIMESTAMP", "timestamp_ltz, TIMESTAMP",
        "timestamp_ntz, TIMESTAMP_NTZ", "void, NULL", "interval, INTERVAL"})
    void primitiveTypesAndSynonyms(String text, PrimitiveKind kind) {
      assertThat(parseDataType(text)).isEqualTo(new PrimitiveTypeSpec(kind));
    }

    @ParameterizedTest(name = "{0} is {1} to {2}")
    @CsvSource({"interval day to second, DAY, SECOND", "Interval Year, YEAR, YEAR",
        "INTERVAL YEAR TO MONTH, YEAR, MONTH", "interval hour to minute, HOUR, MINUTE",
        "interval second, SECOND, SECOND"})
    void ansiIntervalTypesKeepTheirFields(String text, String start, String end) {
      assertThat(parseDataType(text)).isEqualTo(new dev.sluice.sqllite.ast.IntervalTypeSpec(start, end));
    }

    @Test
    void mixedOrReversedIntervalFieldsAreRefused() {
      for (String text : new String[] {"interval year to second", "interval second to day",
          "interval month to year"}) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parseDataType(text))
            .isInstanceOf(dev.sluice.sqllite.ParseException.class)
            .hasMessageContaining("UNSUPPORTED_DATATYPE");
      }
    }

    @Test
    void decimalDefaultsAndSynonyms() {
      assertThat(parseDataType("decimal")).isEqualTo(new DecimalTypeSpec(10, 0));
      assertThat(parseDataType("DECIMAL(20,0)")).isEqualTo(new DecimalTypeSpec(20, 0));
      assertThat(parseDataType("dec(5)")).isEqualTo(new DecimalTypeSpec(5, 0));
      assertThat(parseDataType("numeric(38, 38)")).isEqualTo(new DecimalTypeSpec(38, 38));
    }

    @Test
    void decimalBoundsAreValidated() {
      assertThatThrownBy(() -> parseDataType("decimal(39,0)"))
          .isInstanceOfSatisfying(ParseException.class, error -> assertThat(error.getCondition())
              .isEqualTo(ParseException.DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION));
      for (String invalid : List.of("decimal(0,0)", "decimal(5,6)", "decimal(99999999999,1)")) {
        assertThatThrownBy(() -> parseDataType(invalid)).isInstanceOf(ParseException.class);
      }
    }

    @Test
    void nestedTypes() {
      assertThat(parseDataType("array<int>")).isEqualTo(new ArrayTypeSpec(INT));
      assertThat(parseDataType("MAP<STRING, INT>")).isEqualTo(new MapTypeSpec(STRING, INT));
      assertThat(parseDataType("array<array<map<string,array<int>>>>").toString())
          .isEqualTo("array<array<map<string,array<int>>>>");
    }

    @Test
    void structFieldsWithOrWithoutColon() {
      StructTypeSpec expected = new StructTypeSpec(List.of(FieldSpec.of("a", INT), FieldSpec.of("b", STRING)));
      assertThat(parseDataType("struct<a:int,b:string>")).isEqualTo(expected);
      assertThat(parseDataType("STRUCT<a INT, b STRING>")).isEqualTo(expected);
      assertThat(parseDataType("struct<>")).isEqualTo(new StructTypeSpec(List.of()));
      assertThat(parseDataType("struct< >")).isEqualTo(new StructTypeSpec(List.of()));
    }

    @Test
    void structFieldsMayBeKeywordsQuotedNotNullAndCommented() {
      assertThat(parseDataType("struct<end: int NOT NULL COMMENT 'e', `a b`: string>"))
          .isEqualTo(new StructTypeSpec(List.of(
              new FieldSpec("end", INT, false, "e"), FieldSpec.of("a b", STRING))));
    }

    @Test
    void renderingIsSparksSimpleString() {
      assertThat(parseDataType("STRUCT<a: BIGINT, b: MAP<STRING, DECIMAL(20,2)>, `c d`: ARRAY<DATE>>")
          .toString()).isEqualTo("struct<a:bigint,b:map<string,decimal(20,2)>,`c d`:array<date>>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuchtype", "array<nosuchtype>", "array<int", "map<int>", "array",
        "struct<a>", "struct<a int,>", "varchar", "int int", "decimal(1.5)", "", "array<>"})
    void malformedTypesAreRejected(String text) {
      assertThatThrownBy(() -> parseDataType(text)).isInstanceOf(ParseException.class);
    }

    @Test
    void unknownTypeNameHasItsOwnCondition() {
      assertThatThrownBy(() -> parseDataType("struct<a: nosuchtype>"))
          .isInstanceOfSatisfying(ParseException.class, error -> {
            assertThat(error.getCondition()).isEqualTo(ParseException.UNSUPPORTED_DATATYPE);
            assertThat(error.column()).isEqualTo(11);
            assertThat(error.offendingToken()).isEqualTo("nosuchtype");
          });
    }
  }

  @Nested
  class Schemas {

    @Test
    void ddlColumnsWithNullabilityAndComments() {
      assertThat(parseSchema("a INT, b STRUCT<c: STRING> NOT NULL, d ARRAY<STRING> COMMENT 'x'"))
          .containsExactly(
              FieldSpec.of("a", INT),
              new FieldSpec("b", new StructTypeSpec(List.of(FieldSpec.of("c", STRING))), false, null),
              new FieldSpec("d", new ArrayTypeSpec(STRING), true, "x"));
    }

    @Test
    void keywordAndQuotedColumnNames() {
      assertThat(parseSchema("`event time` TIMESTAMP, value STRING, key BINARY"))
          .extracting(FieldSpec::name).containsExactly("event time", "value", "key");
    }

    @Test
    void structTypeIsAcceptedAsSchema() {
      assertThat(parseSchema("struct<a:int,b:string>"))
          .containsExactly(FieldSpec.of("a", INT), FieldSpec.of("b", STRING));
    }

    @Test
    void blankSchemaHasNoFields() {
      assertThat(parseSchema("  ")).isEmpty();
    }

    @Test
    void fieldRendersAsDdl() {
      assertThat(new FieldSpec("a b", INT, false, "it's").toDdl())
          .isEqualTo("`a b` int NOT NULL COMMENT 'it\\'s'");
    }

    @Test
    void malformedSchemaReportsTheColumnListError() {
      assertThatThrownBy(() -> parseSchema("a INT, b"))
          .isInstanceOfSatisfying(ParseException.class, error -> {
            assertThat(error.offendingToken()).isEqualTo(ParseException.END_OF_INPUT);
            assertThat(error.expected()).containsExactly("a data type");
          });
      assertThatThrownBy(() -> parseSchema("int")).isInstanceOf(ParseException.class);
    }
  }
}
