package dev.sluice.expr.scalar;

import static dev.sluice.expr.ExpressionTestSupport.call;
import static dev.sluice.expr.ExpressionTestSupport.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.expr.Literal;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashFunctionsTest {
    @Test
    void digestsAsLowerCaseHex() {
        assertThat(value(call("md5", Literal.of("Spark")))).isEqualTo("8cde774d6f7333752ed72cacddb05126");
        assertThat(value(call("sha1", Literal.of("Spark")))).isEqualTo("85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c");
        assertThat(value(call("sha2", Literal.of("Spark"), Literal.of(256))))
                .isEqualTo("529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b");
        assertThat(value(call("sha2", Literal.of("Spark"), Literal.of(7)))).isNull();
        assertThat(value(call("md5", new Literal(null, DataTypes.StringType)))).isNull();
    }

    @Test
    void hashesLikeSparkMurmur3() {
        Literal array = new Literal(List.of(123), new ArrayType(DataTypes.IntegerType, true));
        assertThat(value(call("hash", Literal.of("Spark"), array, Literal.of(2)))).isEqualTo(-1321691492);
        assertThat(value(call("hash", new Literal(null, DataTypes.StringType)))).isEqualTo(42);
    }

    @Test
    void rejectsNonBinaryDigestInput() {
        assertThatThrownBy(() -> call("md5", Literal.of(1)))
                .hasMessageContaining("requires the \"BINARY\" type");
    }
}
