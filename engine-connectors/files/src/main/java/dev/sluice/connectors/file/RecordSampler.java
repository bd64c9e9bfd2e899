package dev.sluice.connectors.file;

import java.util.SplittableRandom;

/**
 * Spark's {@code samplingRatio} for schema inference: with a ratio above 0.99 every record is used;
 * otherwise each record is kept with that probability, from a fixed seed (1, as Spark) so that inference
 * is repeatable. The first record offered is always kept, so a small input never infers nothing. Not
 * thread-safe (one per inference).
 */
public final class RecordSampler {
    private final double ratio;
    private final SplittableRandom random = new SplittableRandom(1);
    private boolean first = true;

    private RecordSampler(double ratio) {
        this.ratio = ratio;
    }

    /**
     * The sampler of the {@code samplingRatio} option (1.0 by default).
     *
     * @throws IllegalArgumentException naming the option when the ratio is not a number in (0, 1]
     */
    public static RecordSampler of(FormatOptions options) {
        String text = options.get("samplingRatio", "1.0").trim();
        double ratio;
        try {
            ratio = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            ratio = Double.NaN;
        }
        if (!(ratio > 0 && ratio <= 1)) {
            throw dev.sluice.conf.OptionValues.invalid("samplingRatio", text, "expected a number greater than 0 and"
                    + " at most 1");
        }
        return new RecordSampler(ratio);
    }

    /** Whether the next record takes part in inference. */
    public boolean take() {
        if (first) {
            first = false;
            return true;
        }
        return ratio > 0.99 || random.nextDouble() < ratio;
    }
}
