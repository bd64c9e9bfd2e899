package dev.sluice.api.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** {@link Option}: Scala's {@code Option} as Java code sees it. */
class OptionTest {
    @Test
    void someAndNoneAnswerAsScalasOption() {
        Option<String> some = Option.apply("x");
        Option<String> none = Option.apply(null);
        assertThat(some.isDefined()).isTrue();
        assertThat(some.isEmpty()).isFalse();
        assertThat(some.get()).isEqualTo("x");
        assertThat(some.getOrElse("y")).isEqualTo("x");
        assertThat(some.toString()).isEqualTo("Some(x)");
        assertThat(none.isDefined()).isFalse();
        assertThat(none.nonEmpty()).isFalse();
        assertThat(none.getOrElse("y")).isEqualTo("y");
        assertThat(none.getOrElse(() -> "z")).isEqualTo("z");
        assertThat(none.orNull()).isNull();
        assertThat(none.toString()).isEqualTo("None");
        assertThat(none).isEqualTo(Option.empty());
        assertThatThrownBy(none::get).isInstanceOf(NoSuchElementException.class).hasMessage("None.get");
    }
}
