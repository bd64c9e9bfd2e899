package dev.sluice.spi;

import java.util.concurrent.CountDownLatch;

/** A test connector ({@code format("warm-up-failing")}) whose warm-up fails: the lookup must not notice. */
public final class FailingWarmUpProvider implements StreamingProvider {
    static final CountDownLatch TRIED = new CountDownLatch(1);

    @Override
    public String shortName() {
        return "warm-up-failing";
    }

    @Override
    public void warmUp() throws Exception {
        TRIED.countDown();
        throw new java.io.IOException("no warm-up today");
    }
}
