package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructField;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nullability of every built-in function's result, as Spark 4.1 (ANSI on, the default) derives it for the
 * analyzed plan: what {@code printSchema()} prints. The inputs are non-nullable columns (and one nullable
 * string {@code ns}), so each row shows whether the function adds nullability of its own. Each expectation was
 * read from the {@code nullable} of the Spark 4.1.1 expression named beside it (catalyst's
 * {@code org.apache.spark.sql.catalyst.expressions}), not from Sluice's output.
 */
class NullabilityTest {
    private static SluiceSession spark;
    private static Dataset<Row> table;

    @BeforeAll
    static void session() {
        spark = Sluice.builder().master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate();
        StructType schema = new StructType().add("s", DataTypes.StringType, false)
                .add("i", DataTypes.IntegerType, false).add("l", DataTypes.LongType, false)
                .add("d", DataTypes.DoubleType, false).add("ts", DataTypes.TimestampType, false)
                .add("dt", DataTypes.DateType, false).add("b", DataTypes.BooleanType, false)
                .add("arr", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("ns", DataTypes.StringType, true).add("dec", DataTypes.createDecimalType(10, 2), false);
        table = spark.createDataFrame(List.of(RowFactory.create("a b", 5, 6L, 1.5,
                Timestamp.valueOf("2024-01-01 00:00:00"), Date.valueOf("2024-01-01"), true, List.of("x"), null,
                new BigDecimal("1.50"))), schema);
    }

    /** Expression | nullable in Spark 4.1 | the Spark expression whose {@code nullable} decides it. */
    private static final String EXPECTED = """
            i + i | false | BinaryArithmetic: children (non-decimal, or ANSI)
            dec + dec | false | BinaryArithmetic: children (decimal under ANSI)
            i / i | true | DivModLike: true
            i % i | true | DivModLike: true
            i div i | true | DivModLike: true
            mod(i, i) | true | Remainder (DivModLike): true
            -i | false | UnaryMinus: child
            positive(i) | false | UnaryPositive: child
            abs(i) | false | Abs: child
            i = i | false | BinaryComparison: children
            i <=> i | false | EqualNullSafe: false
            b and b | false | And: children
            not b | false | Not: child
            i in (1, 2) | false | In: children.exists(nullable)
            i between 1 and 2 | false | Between, replaced by And of comparisons
            s like 'a%' | false | Like: children
            s ilike 'a%' | false | ILike, replaced by Like(Lower, Lower)
            s rlike 'a' | false | RLike: children
            isnull(ns) | false | IsNull: false
            isnotnull(ns) | false | IsNotNull: false
            ceil(d) | true | Ceil (UnaryMathExpression): true
            ceil(i) | true | Ceil (UnaryMathExpression): true
            ceil(dec) | true | Ceil (UnaryMathExpression): true
            floor(d) | true | Floor (UnaryMathExpression): true
            sqrt(d) | true | Sqrt (UnaryMathExpression): true
            exp(d) | true | Exp (UnaryMathExpression): true
            signum(d) | true | Signum (UnaryMathExpression): true
            ln(d) | true | Log (UnaryLogExpression): true
            log10(d) | true | Log10 (UnaryLogExpression): true
            log(2, d) | true | Logarithm: true
            pow(d, d) | false | Pow (BinaryMathExpression): children
            round(d, 1) | true | RoundBase: true
            round(dec, 1) | true | RoundBase: true
            bround(d, 1) | true | RoundBase: true
            length(s) | false | Length: child
            ascii(s) | false | Ascii: child
            upper(s) | false | Upper: child
            initcap(s) | false | InitCap: child
            trim(s) | false | String2TrimExpression: children
            trim(s, 'a') | false | String2TrimExpression: children
            lpad(s, 5, 'x') | false | StringLPad: children
            rpad(s, 5) | false | StringRPad: children
            repeat(s, 2) | false | StringRepeat: children
            reverse(s) | false | Reverse: child
            instr(s, 'a') | false | StringInstr: children
            locate('a', s) | false | StringLocate: substr or str
            locate('a', s, cast(null as int)) | false | StringLocate: substr or str (a null start gives 0)
            substring(s, 1, 2) | false | Substring: children
            concat(s, s) | false | Concat: children.exists(nullable)
            concat(s, ns) | true | Concat: children.exists(nullable)
            concat_ws(',', s, ns) | false | ConcatWs: the separator's nullability
            split(s, ' ') | false | StringSplit: children
            regexp_replace(s, 'a', 'b') | false | RegExpReplace: children
            regexp_extract(s, '(a)', 1) | false | RegExpExtract: children
            contains(s, 'a') | false | Contains (StringPredicate): children
            startswith(s, 'a') | false | StartsWith (StringPredicate): children
            endswith(s, 'a') | false | EndsWith (StringPredicate): children
            base64(s) | false | Base64, StaticInvoke with returnNullable = false
            md5(s) | false | Md5: child
            sha1(s) | false | Sha1: child
            sha2(s, 256) | true | Sha2: true
            hash(s) | false | Murmur3Hash (HashExpression): false
            coalesce(ns, s) | false | Coalesce: children.forall(nullable)
            coalesce(ns, ns) | true | Coalesce: children.forall(nullable)
            nvl(ns, s) | false | Nvl, replaced by Coalesce
            nullif(s, s) | true | NullIf, replaced by If(..., null, left)
            if(b, s, s) | false | If: branches
            if(b, s, ns) | true | If: branches
            case when b then s else s end | false | CaseWhen: branches and else
            case when b then s end | true | CaseWhen: no else is null
            greatest(i, i) | false | Greatest: children.forall(nullable)
            array(s, s) | false | CreateArray: false
            array_contains(arr, 'x') | false | ArrayContains: children or containsNull
            element_at(arr, 1) | true | ElementAt: a constant index into a non-literal array
            size(arr) | false | Size: child (legacySizeOfNull is off under ANSI)
            struct(s, i) | false | CreateNamedStruct: false
            reverse(arr) | false | Reverse: child
            concat(arr, arr) | false | Concat: children
            current_date() | false | CurrentDate: false
            current_timestamp() | false | CurrentTimestamp: false
            date_add(dt, 1) | false | DateAdd: children
            datediff(dt, dt) | false | DateDiff: children
            date_format(ts, 'yyyy') | false | DateFormatClass: children
            to_date(s) | true | ParseToDate, replaced by Cast(string as date): forceNullable
            to_date(s, 'yyyy-MM-dd') | false | ParseToDate, replaced by Cast(GetTimestamp) (failOnError: children)
            to_date(ts) | false | ParseToDate, replaced by Cast(timestamp as date)
            to_timestamp(s) | true | ParseToTimestamp, replaced by Cast(string as timestamp): forceNullable
            to_timestamp(s, 'yyyy-MM-dd') | false | GetTimestamp (ToTimestamp, failOnError): children
            try_to_timestamp(s, 'yyyy-MM-dd') | true | GetTimestamp without failOnError: true
            unix_timestamp(ts) | false | UnixTimestamp (ToTimestamp, failOnError): children
            unix_timestamp(s, 'yyyy-MM-dd') | false | UnixTimestamp (ToTimestamp, failOnError): children
            from_unixtime(l) | true | FromUnixTime: true
            year(ts) | false | Year (GetDateField): child
            dayofweek(dt) | false | DayOfWeek: child
            hour(ts) | false | Hour: child
            to_json(struct(s)) | true | StructsToJson: true
            from_json(s, 'a INT') | true | JsonToStructs: true
            cast('NaN' as double) | true | Cast: forceNullable(string, double)
            cast(i as double) | false | Cast: forceNullable(int, double) is false
            cast(d as int) | true | Cast: forceNullable(fractional, integral)
            cast(s as date) | true | Cast: forceNullable(string, date)
            cast(ts as date) | false | Cast: forceNullable(timestamp, date) is false
            cast(i as decimal(5,0)) | true | Cast: decimal(5,0) is not wider than int
            cast(i as decimal(10,0)) | false | Cast: decimal(10,0) holds every int
            try_cast(i as long) | false | Cast (TRY): an up-cast
            try_cast(l as int) | true | Cast (TRY): not an up-cast
            window(ts, '10 minutes') | false | TimeWindowing: tumbling is a CreateNamedStruct
            window(ts, '10 minutes', '5 minutes') | true | TimeWindowing: sliding is an Expand attribute
            session_window(ts, '10 minutes') | false | SessionWindowing: a CreateNamedStruct
            count(ns) | false | Count: false
            sum(i) | true | Sum: true
            avg(i) | true | Average: true
            min(i) | true | Min: true
            first(s) | true | First: true
            collect_list(s) | false | CollectList: false
            explode(arr) | false | Explode: the array's containsNull
            explode(split(s, ' ')) | false | Explode of StringSplit's containsNull = false
            explode_outer(arr) | true | Generate(outer = true): every output nullable
            posexplode(arr) | false | PosExplode: pos is never null
            row_number() over (order by i) | false | RowNumberLike: false
            rank() over (order by i) | true | RankLike (AggregateWindowFunction): true
            dense_rank() over (order by i) | true | RankLike (AggregateWindowFunction): true
            lag(s) over (order by i) | true | Lag: default is null
            lead(s, 1, 'z') over (order by i) | false | Lead: default, input
            dt > '2020-01-01' | true | implicit Cast(string as date): forceNullable
            """;

    static Stream<Arguments> expectations() {
        return EXPECTED.lines().map(line -> line.split("\\|")).map(p -> Arguments.of(p[0].trim(),
                Boolean.parseBoolean(p[1].trim()), p[2].trim()));
    }

    @ParameterizedTest(name = "{0} nullable = {1}")
    @MethodSource("expectations")
    void resultNullabilityIsSparks(String expression, boolean nullable, String sparkRule) {
        StructField field = table.selectExpr(expression).schema().apply(0);
        assertThat(field.nullable()).as(expression + " (" + sparkRule + ")").isEqualTo(nullable);
    }

    @Test
    void splitGivesAnArrayWithoutNullElements() {
        ArrayType type = (ArrayType) table.selectExpr("split(s, ' ')").schema().apply(0).dataType();
        assertThat(type.containsNull()).isFalse();
    }

    @Test
    void createArrayMayHoldNullsOnlyWhenAnArgumentMay() {
        assertThat(((ArrayType) table.selectExpr("array(s, s)").schema().apply(0).dataType()).containsNull()).isFalse();
        assertThat(((ArrayType) table.selectExpr("array(s, ns)").schema().apply(0).dataType()).containsNull()).isTrue();
    }

    @Test
    void wordCountSchemaFromTheTutorialPrintsAsSpark() {
        // The tutorial's word count: explode(split(value, ' ')) over a socket's nullable value column. Spark
        // 4.1 prints "palabra: string (nullable = false)": StringSplit's elements are never null and an
        // explode (not outer) of them is not nullable, whatever the nullability of value.
        StructType lines = new StructType().add("value", DataTypes.StringType, true);
        Dataset<Row> words = spark.createDataFrame(List.of(RowFactory.create("a b")), lines)
                .select(functions.explode(functions.split(functions.col("value"), " ")).alias("palabra"));
        assertThat(words.schema().treeString()).isEqualTo("root\n |-- palabra: string (nullable = false)\n");
    }

    @Test
    void slidingWindowGroupIsNullableTumblingIsNot() {
        Dataset<Row> tumbling = table.groupBy(functions.window(functions.col("ts"), "10 minutes")).count();
        Dataset<Row> sliding = table.groupBy(functions.window(functions.col("ts"), "10 minutes", "5 minutes")).count();
        String fields = """
                 |    |-- start: timestamp (nullable = true)
                 |    |-- end: timestamp (nullable = true)
                 |-- count: long (nullable = false)
                """;
        assertThat(tumbling.schema().treeString()).isEqualTo("root\n |-- window: struct (nullable = false)\n" + fields);
        assertThat(sliding.schema().treeString()).isEqualTo("root\n |-- window: struct (nullable = true)\n" + fields);
    }
}
