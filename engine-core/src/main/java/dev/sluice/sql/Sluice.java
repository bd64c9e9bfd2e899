package dev.sluice.sql;

/** Short entry point: {@code Sluice.builder().appName("x").master("local[2]").getOrCreate()}. */
public final class Sluice {
    private Sluice() {
    }

    public static SluiceSession.Builder builder() {
        return SluiceSession.builder();
    }
}
