package dev.sluice;

/**
 * Told how a batch read over files ({@code session.read().json(folder)}, any file format) gets on: when it starts
 * (files to read known), after each file, and when it ends. Register with
 * {@link SluiceContext#addProgressListener}. Sluice's console progress bar ({@code spark.ui.showConsoleProgress})
 * is one. Streaming queries report through {@code StreamingQueryListener} instead.
 *
 * <p>Threading: events of one read come one at a time, in order, on the threads that read the files (several
 * reads may run at once, each with its own {@link ReadProgress#readId()}); keep the methods short. An exception
 * thrown by a listener is logged at WARN and the read goes on.
 */
public interface ReadProgressListener {
    /** The read lists its files and is about to read them ({@code filesDone} is 0). */
    default void onReadStarted(ReadProgress progress) {
    }

    /** One more file was read. */
    default void onFileRead(ReadProgress progress) {
    }

    /**
     * The read ended: all files read, or {@code failure} (non-null) stopped it; then the failure is thrown to the
     * caller of {@code load()} as well.
     */
    default void onReadEnded(ReadProgress progress, Throwable failure) {
    }
}
