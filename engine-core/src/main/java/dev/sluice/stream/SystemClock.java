package dev.sluice.stream;

/** Wall-clock time ({@link System#currentTimeMillis()}). Stateless singleton. */
public final class SystemClock implements Clock {
    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long getTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long waitTillTime(long targetTimeMs) throws InterruptedException {
        long now = System.currentTimeMillis();
        while (now < targetTimeMs) {
            Thread.sleep(Math.min(targetTimeMs - now, 100));
            now = System.currentTimeMillis();
        }
        return now;
    }
}
