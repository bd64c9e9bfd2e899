package dev.sluice.sql;

import static dev.sluice.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.java.function.FilterFunction;
import dev.sluice.api.java.function.MapFunction;
import dev.sluice.api.java.function.ReduceFunction;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.MapType;
import dev.sluice.sql.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark's typed Dataset API: actions return objects, encoders, typed transformations, up-casts. */
class TypedDatasetTest {
    private static SluiceSession spark;

    public enum Level { LOW, HIGH }

    /** A bean with a list, a map, an enum and a nested bean. */
    public static class Order {
        private String id;
        private int qty;
        private List<String> tags;
        private Map<String, Integer> counts;
        private Level level;
        private Address address;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public int getQty() {
            return qty;
        }

        public void setQty(int qty) {
            this.qty = qty;
        }

        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }

        public Map<String, Integer> getCounts() {
            return counts;
        }

        public void setCounts(Map<String, Integer> counts) {
            this.counts = counts;
        }

        public Level getLevel() {
            return level;
        }

        public void setLevel(Level level) {
            this.level = level;
        }

        public Address getAddress() {
            return address;
        }

        public void setAddress(Address address) {
            this.address = address;
        }
    }

    public static class Address {
        private String city;

        public String getCity() {
            return city;
        }

        public void setCity(String city) {
            this.city = city;
        }
    }

    public record Sale(String item, long amount) {
    }

    public static class IntHolder {
        private int b;
        private String a;

        public int getB() {
            return b;
        }

        public void setB(int b) {
            this.b = b;
        }

        public String getA() {
            return a;
        }

        public void setA(String a) {
            this.a = a;
        }
    }

    @BeforeAll
    static void start() {
        spark = SluiceSession.builder().master("local[2]").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Order order(String id, int qty, Level level, String city, String... tags) {
        Order o = new Order();
        o.setId(id);
        o.setQty(qty);
        o.setLevel(level);
        o.setTags(Arrays.asList(tags));
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : tags) {
            counts.merge(t, 1, Integer::sum);
        }
        o.setCounts(counts);
        Address a = new Address();
        a.setCity(city);
        o.setAddress(a);
        return o;
    }

    @Test
    void rangeIsADatasetOfLongAndActionsReturnObjects() {
        Dataset<Long> ds = spark.range(5);
        List<Long> all = ds.collectAsList();
        assertThat(all).containsExactly(0L, 1L, 2L, 3L, 4L);
        Long[] array = ds.collect();
        assertThat(array).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(ds.first()).isEqualTo(0L);
        assertThat(ds.head()).isEqualTo(0L);
        assertThat(ds.take(2)).containsExactly(0L, 1L);
        assertThat(ds.head(3)).containsExactly(0L, 1L, 2L);
        assertThat(ds.takeAsList(1)).containsExactly(0L);
        List<Long> iterated = new ArrayList<>();
        ds.toLocalIterator().forEachRemaining(iterated::add);
        assertThat(iterated).containsExactly(0L, 1L, 2L, 3L, 4L);
        // untyped view of the same rows
        assertThat(ds.toDF().first().getLong(0)).isEqualTo(0L);
        assertThat(ds.schema().fieldNames()).containsExactly("id");
        // a filter by column keeps the type
        Dataset<Long> odd = ds.filter(col("id").mod(2).equalTo(1));
        assertThat(odd.collectAsList()).containsExactly(1L, 3L);
    }

    @Test
    void atomicEncodersRoundTripTheirValues() {
        assertThat(spark.createDataset(List.of(true, false), Encoders.BOOLEAN()).collectAsList())
                .containsExactly(true, false);
        assertThat(spark.createDataset(List.of((byte) 1, (byte) -2), Encoders.BYTE()).collectAsList())
                .containsExactly((byte) 1, (byte) -2);
        assertThat(spark.createDataset(List.of((short) 300), Encoders.SHORT()).first()).isEqualTo((short) 300);
        assertThat(spark.createDataset(List.of(1.5f), Encoders.FLOAT()).first()).isEqualTo(1.5f);
        assertThat(spark.createDataset(List.of(2.25), Encoders.DOUBLE()).first()).isEqualTo(2.25);
        assertThat(spark.createDataset(List.of(new byte[] {1, 2}), Encoders.BINARY()).first()).containsExactly(1, 2);
        assertThat(spark.createDataset(List.of(new BigDecimal("1.5")), Encoders.DECIMAL()).first())
                .isEqualByComparingTo("1.5");
        assertThat(spark.createDataset(List.of(new BigDecimal("1.5")), Encoders.DECIMAL()).schema().apply(0)
                .dataType()).isEqualTo(DataTypes.createDecimalType(38, 18));
        assertThat(spark.createDataset(List.of(LocalDate.of(2024, 2, 29)), Encoders.LOCALDATE()).first())
                .isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(spark.createDataset(List.of(java.sql.Date.valueOf("2024-02-29")), Encoders.DATE()).first())
                .isEqualTo(java.sql.Date.valueOf("2024-02-29"));
        Instant t = Instant.parse("2024-01-02T03:04:05.123456Z");
        assertThat(spark.createDataset(List.of(t), Encoders.INSTANT()).first()).isEqualTo(t);
        assertThat(spark.createDataset(List.of(java.sql.Timestamp.from(t)), Encoders.TIMESTAMP()).first())
                .isEqualTo(java.sql.Timestamp.from(t));
        Dataset<String> strings = spark.createDataset(Arrays.asList("a", null), Encoders.STRING());
        assertThat(strings.collectAsList()).containsExactly("a", null);
        assertThat(strings.schema().treeString()).isEqualTo("root\n |-- value: string (nullable = true)\n");
    }

    @Test
    void beanEncoderCoversListsMapsEnumsAndNestedBeans() {
        Encoder<Order> encoder = Encoders.bean(Order.class);
        StructType schema = encoder.schema();
        assertThat(schema.fieldNames()).containsExactly("address", "counts", "id", "level", "qty", "tags");
        assertThat(schema.apply("counts").dataType())
                .isEqualTo(new MapType(DataTypes.StringType, DataTypes.IntegerType, true));
        assertThat(schema.apply("level").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(schema.apply("tags").dataType()).isEqualTo(new ArrayType(DataTypes.StringType, true));
        assertThat(schema.apply("address").dataType()).isEqualTo(new StructType().add("city", DataTypes.StringType));

        Dataset<Order> orders = spark.createDataset(List.of(order("o1", 2, Level.HIGH, "Lima", "x", "y", "x"),
                order("o2", 5, Level.LOW, "Quito")), encoder);
        List<Order> back = orders.collectAsList();
        assertThat(back).hasSize(2);
        assertThat(back.get(0).getId()).isEqualTo("o1");
        assertThat(back.get(0).getTags()).containsExactly("x", "y", "x");
        assertThat(back.get(0).getCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("x", 2, "y", 1));
        assertThat(back.get(0).getLevel()).isEqualTo(Level.HIGH);
        assertThat(back.get(0).getAddress().getCity()).isEqualTo("Lima");
        assertThat(back.get(1).getTags()).isEmpty();

        // the same rows as a DataFrame, with Row's typed getters
        Row row = spark.createDataFrame(List.of(order("o1", 2, Level.HIGH, "Lima", "x")), Order.class).first();
        assertThat(row.<String>getAs("level")).isEqualTo("HIGH");
        assertThat(row.getList(row.fieldIndex("tags"))).containsExactly("x");
        assertThat(row.getJavaMap(row.fieldIndex("counts"))).containsEntry("x", 1);
        assertThat(row.getStruct(0).getString(0)).isEqualTo("Lima");
        assertThat(row.<Integer>getAs("qty")).isEqualTo(2);
    }

    @Test
    void recordsAndMapFilterFlatMapMapPartitionsReduce() {
        Dataset<Sale> sales = spark.createDataset(List.of(new Sale("tea", 3), new Sale("coffee", 10),
                new Sale("tea", 4)), Encoders.bean(Sale.class));
        assertThat(sales.schema().fieldNames()).containsExactly("amount", "item");
        Dataset<String> items = sales.map((MapFunction<Sale, String>) s -> s.item().toUpperCase(), Encoders.STRING());
        assertThat(items.collectAsList()).containsExactly("TEA", "COFFEE", "TEA");
        Dataset<Sale> big = sales.filter((FilterFunction<Sale>) s -> s.amount() > 3);
        assertThat(big.collectAsList()).containsExactly(new Sale("coffee", 10), new Sale("tea", 4));
        // a typed filter keeps every column
        assertThat(big.columns()).containsExactly("amount", "item");
        Dataset<Integer> letters = sales.flatMap(s -> Collections.nCopies((int) s.amount() % 3, s.item().length())
                .iterator(), Encoders.INT());
        // 3 % 3 = 0 copies, 10 % 3 = 1 copy of 6, 4 % 3 = 1 copy of 3
        assertThat(letters.collectAsList()).containsExactly(6, 3);
        Dataset<Long> sums = sales.mapPartitions(it -> {
            long sum = 0;
            while (it.hasNext()) {
                sum += it.next().amount();
            }
            return List.of(sum).iterator();
        }, Encoders.LONG());
        assertThat(sums.collectAsList().stream().mapToLong(Long::longValue).sum()).isEqualTo(17L);
        assertThat(sales.map((MapFunction<Sale, Long>) Sale::amount, Encoders.LONG())
                .reduce((ReduceFunction<Long>) Long::sum)).isEqualTo(17L);
        assertThatThrownBy(() -> spark.range(0).reduce((ReduceFunction<Long>) Long::sum))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("empty collection");
    }

    @Test
    void foreachAndForeachPartitionSeeEveryObject() {
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        spark.range(4).foreach(seen::add);
        assertThat(seen).containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
        ConcurrentLinkedQueue<Long> partitions = new ConcurrentLinkedQueue<>();
        spark.range(3).foreachPartition(it -> {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            partitions.add(n);
        });
        assertThat(partitions.stream().mapToLong(Long::longValue).sum()).isEqualTo(3L);
    }

    @Test
    void dataFrameRowsMapToObjects() {
        Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create("a", 1), RowFactory.create("b", 2)),
                new StructType().add("k", DataTypes.StringType).add("v", DataTypes.IntegerType));
        Dataset<String> s = df.map((MapFunction<Row, String>) r -> r.getString(0) + r.getInt(1), Encoders.STRING());
        assertThat(s.collectAsList()).containsExactly("a1", "b2");
        Row first = df.first();
        assertThat(first.<String>getAs("k")).isEqualTo("a");
    }

    @Test
    void asReadsColumnsByNameUpCastsAndKeepsOtherColumns() {
        Dataset<Row> df = spark.sql("SELECT CAST(7 AS SHORT) AS b, 'x' AS a, 1.5 AS extra");
        Dataset<IntHolder> typed = df.as(Encoders.bean(IntHolder.class));
        // as() does not project: the schema is still the DataFrame's
        assertThat(typed.columns()).containsExactly("b", "a", "extra");
        IntHolder h = typed.first();
        assertThat(h.getA()).isEqualTo("x");
        assertThat(h.getB()).isEqualTo(7);
        // an int column read as a long: an up-cast
        assertThat(spark.sql("SELECT 5 AS v").as(Encoders.LONG()).first()).isEqualTo(5L);
        // any atomic column read as a string: an up-cast
        assertThat(spark.sql("SELECT 5 AS v").as(Encoders.STRING()).first()).isEqualTo("5");
    }

    @Test
    void asRejectsAStringColumnReadIntoAnIntFieldWithSparksMessage() {
        Dataset<Row> df = spark.sql("SELECT 'seven' AS b, 'x' AS a");
        assertThatThrownBy(() -> df.as(Encoders.bean(IntHolder.class)))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[CANNOT_UP_CAST_DATATYPE] Cannot up cast b from \"STRING\" to \"INT\".\n"
                        + "The type path of the target object is:\n"
                        + "- field (class: \"int\", name: \"b\")\n"
                        + "- root class: \"dev.sluice.sql.TypedDatasetTest$IntHolder\"\n"
                        + "You can either add an explicit cast to the input data or choose a higher precision type"
                        + " of the field in the target object SQLSTATE: 42846");
        assertThatThrownBy(() -> spark.sql("SELECT 5L AS v").as(Encoders.INT()))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("[CANNOT_UP_CAST_DATATYPE] Cannot up cast v from \"BIGINT\" to \"INT\".\n"
                        + "The type path of the target object is:\n"
                        + "- root class: \"java.lang.Integer\"\n"
                        + "You can either add an explicit cast to the input data or choose a higher precision type"
                        + " of the field in the target object SQLSTATE: 42846");
        assertThatThrownBy(() -> spark.sql("SELECT 1 AS b").as(Encoders.bean(IntHolder.class)))
                .isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function"
                        + " parameter with name `a` cannot be resolved.");
    }

    @Test
    void rowGettersForJavaTimeValues() {
        Row row = spark.sql("SELECT DATE'2024-03-01' AS d, TIMESTAMP'2024-03-01 10:00:00' AS t").first();
        assertThat(row.getLocalDate(0)).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(row.getInstant(1)).isEqualTo(row.getTimestamp(1).toInstant());
    }

    @Test
    void groupByKeyBatchOperations() {
        Dataset<Sale> sales = spark.createDataset(List.of(new Sale("tea", 3), new Sale("coffee", 10),
                new Sale("tea", 4)), Encoders.bean(Sale.class));
        KeyValueGroupedDataset<String, Sale> byItem = sales.groupByKey((MapFunction<Sale, String>) Sale::item,
                Encoders.STRING());
        assertThat(byItem.mapGroups((String k, Iterator<Sale> v) -> {
            long sum = 0;
            while (v.hasNext()) {
                sum += v.next().amount();
            }
            return k + "=" + sum;
        }, Encoders.STRING()).collectAsList()).containsExactlyInAnyOrder("tea=7", "coffee=10");
        assertThat(byItem.flatMapGroups((String k, Iterator<Sale> v) -> {
            List<String> out = new ArrayList<>();
            v.forEachRemaining(s -> out.add(k + s.amount()));
            return out.iterator();
        }, Encoders.STRING()).collectAsList()).containsExactlyInAnyOrder("tea3", "tea4", "coffee10");
        assertThat(byItem.keys().collectAsList()).containsExactlyInAnyOrder("tea", "coffee");
        assertThat(byItem.mapValues((MapFunction<Sale, Long>) Sale::amount, Encoders.LONG())
                .mapGroups((String k, Iterator<Long> v) -> {
                    long max = Long.MIN_VALUE;
                    while (v.hasNext()) {
                        max = Math.max(max, v.next());
                    }
                    return k + ":" + max;
                }, Encoders.STRING()).collectAsList()).containsExactlyInAnyOrder("tea:4", "coffee:10");
    }

    @Test
    void cogroupCallsTheFunctionOncePerKeyOfEitherSide() {
        Dataset<Sale> sales = spark.createDataset(List.of(new Sale("tea", 3), new Sale("coffee", 10),
                new Sale("tea", 4)), Encoders.bean(Sale.class));
        Dataset<String> stock = spark.createDataset(List.of("tea:1", "milk:9"), Encoders.STRING());
        KeyValueGroupedDataset<String, Sale> left = sales.groupByKey((MapFunction<Sale, String>) Sale::item,
                Encoders.STRING());
        KeyValueGroupedDataset<String, String> right = stock.groupByKey(
                (MapFunction<String, String>) s -> s.split(":")[0], Encoders.STRING());
        Dataset<String> joined = left.cogroup(right, (String k, Iterator<Sale> l, Iterator<String> r) -> {
            long sold = 0;
            while (l.hasNext()) {
                sold += l.next().amount();
            }
            int lines = 0;
            while (r.hasNext()) {
                r.next();
                lines++;
            }
            return List.of(k + " sold=" + sold + " stock=" + lines).iterator();
        }, Encoders.STRING());
        assertThat(joined.collectAsList()).containsExactlyInAnyOrder("tea sold=7 stock=1", "coffee sold=10 stock=0",
                "milk sold=0 stock=1");
    }

    @Test
    void typedOperatorsAreNamedInThePhysicalPlan() {
        Dataset<Long> doubled = spark.range(3).map((MapFunction<Long, Long>) x -> x * 2, Encoders.LONG())
                .filter((FilterFunction<Long>) x -> x > 0);
        String plan = doubled.explainString(false);
        assertThat(plan).contains("MapElements [value#").contains("Filter <function>");
        assertThat(doubled.collectAsList()).containsExactly(2L, 4L);
    }
}
