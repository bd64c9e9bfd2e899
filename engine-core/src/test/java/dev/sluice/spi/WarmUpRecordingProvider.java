package dev.sluice.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A test connector ({@code format("warm-up-recording")}) that records each warm-up's thread, and fails its warm-up when told. */
public final class WarmUpRecordingProvider implements StreamingProvider {
    /** The threads each warm-up ran on, in order. */
    static final List<Thread> WARM_UPS = new CopyOnWriteArrayList<>();
    static final CountDownLatch WARMED = new CountDownLatch(1);

    @Override
    public String shortName() {
        return "warm-up-recording";
    }

    @Override
    public void warmUp() {
        WARM_UPS.add(Thread.currentThread());
        WARMED.countDown();
    }
}
