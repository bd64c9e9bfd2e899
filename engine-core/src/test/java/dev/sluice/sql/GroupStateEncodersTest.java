package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.exec.GroupStateImpl;
import dev.sluice.sql.streaming.GroupStateTimeout;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StructType;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The encoders of the typed API and {@code GroupState} rules, outside streaming. */
class GroupStateEncodersTest {
    /** A bean whose properties are declared out of alphabetical order. */
    public static class Person {
        private String zone;
        private int age;
        private Long id;

        public String getZone() {
            return zone;
        }

        public void setZone(String zone) {
            this.zone = zone;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }

        public Long getId() {
            return id;
        }

        public void setId(Long id) {
            this.id = id;
        }
    }

    public record Point(String zLabel, double x, Person owner) {
    }

    @Test
    void beanColumnsAreOrderedAlphabeticallyAndPrimitivesAreNotNullable() {
        StructType schema = Encoders.bean(Person.class).schema();
        assertThat(schema.fieldNames()).containsExactly("age", "id", "zone");
        assertThat(schema.apply(0).nullable()).isFalse();
        assertThat(schema.apply(1).dataType()).isEqualTo(DataTypes.LongType);
        assertThat(schema.apply(1).nullable()).isTrue();
        Person p = new Person();
        p.setZone("eu");
        p.setAge(41);
        p.setId(7L);
        Encoder<Person> encoder = Encoders.bean(Person.class);
        Row row = encoder.toRow(p);
        assertThat(row).isEqualTo(RowFactory.create(41, 7L, "eu"));
        Person back = encoder.fromRow(row);
        assertThat(back.getZone()).isEqualTo("eu");
        assertThat(back.getAge()).isEqualTo(41);
        assertThat(back.getId()).isEqualTo(7L);
    }

    @Test
    void recordsEncodeTheirComponentsAlphabeticallyWithNestedBeansAsStructs() {
        Encoder<Point> encoder = Encoders.bean(Point.class);
        assertThat(encoder.schema().fieldNames()).containsExactly("owner", "x", "zLabel");
        assertThat(encoder.schema().apply(0).dataType()).isEqualTo(Encoders.bean(Person.class).schema());
        Person owner = new Person();
        owner.setZone("us");
        Point back = encoder.fromRow(encoder.toRow(new Point("p", 1.5, owner)));
        assertThat(back.zLabel()).isEqualTo("p");
        assertThat(back.x()).isEqualTo(1.5);
        assertThat(back.owner().getZone()).isEqualTo("us");
    }

    @Test
    void asReadsTheBeanColumnsByNameAndABatchQueryCallsTheFunctionOncePerKey() {
        SluiceSession spark = Sluice.builder().appName("encoders").master("local[1]").getOrCreate();
        StructType schema = new StructType().add("zone", DataTypes.StringType).add("id", DataTypes.LongType)
                .add("age", DataTypes.IntegerType, false);
        Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create("eu", 1L, 30),
                RowFactory.create("us", 2L, 40), RowFactory.create("eu", 3L, 50)), schema);
        Dataset<Person> people = df.as(Encoders.bean(Person.class));
        // as Spark's as(Encoder): the columns are not projected, the bean reads its own by name
        assertThat(people.columns()).containsExactly("zone", "id", "age");
        Dataset<String> perZone = people.groupByKey(Person::getZone, Encoders.STRING())
                .mapGroupsWithState((zone, values, state) -> {
                    int total = 0;
                    while (values.hasNext()) {
                        total += values.next().getAge();
                    }
                    return zone + " " + total + " " + state.exists();
                }, Encoders.INT(), Encoders.STRING());
        assertThat(perZone.columns()).containsExactly("value");
        assertThat(perZone.toDF().collectAsList()).extracting(r -> r.getString(0))
                .containsExactly("eu 80 false", "us 40 false");
    }

    @Test
    void groupStateFollowsSparksRules() {
        GroupStateImpl<Long> state = new GroupStateImpl<>(null, 1_000, 0, false,
                GroupStateTimeout.ProcessingTimeTimeout(), false);
        assertThat(state.exists()).isFalse();
        assertThatThrownBy(state::get).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> state.update(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state.setTimeoutTimestamp(5_000)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(state::getCurrentWatermarkMs).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.setTimeoutDuration(0)).isInstanceOf(IllegalArgumentException.class);
        state.update(3L);
        state.setTimeoutDuration("1 minute");
        assertThat(state.get()).isEqualTo(3L);
        assertThat(state.timeoutTimestamp()).isEqualTo(61_000);
        state.remove();
        assertThat(state.getOption()).isEmpty();
        assertThat(state.isRemoved()).isTrue();
        GroupStateImpl<Long> eventTime = new GroupStateImpl<>(7L, 1_000, 10_000, true,
                GroupStateTimeout.EventTimeTimeout(), true);
        assertThat(eventTime.hasTimedOut()).isTrue();
        assertThat(eventTime.getCurrentWatermarkMs()).isEqualTo(10_000);
        assertThatThrownBy(() -> eventTime.setTimeoutTimestamp(9_999)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> eventTime.setTimeoutDuration(10)).isInstanceOf(UnsupportedOperationException.class);
        eventTime.setTimeoutTimestamp(10_000, "1 second");
        assertThat(eventTime.timeoutTimestamp()).isEqualTo(11_000);
    }
}
