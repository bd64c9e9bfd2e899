package dev.sluice.examples;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointException;
import dev.sluice.sql.streaming.BatchReplay;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice checkpoint replay DIR --batch N --main CLASS [--jar JAR]... [-- ARGS...]}: re-runs batch N of the
 * query whose checkpoint is DIR and compares its rows with what the sink recorded
 * ({@code DataStreamWriter.replay}). The command line does not know the query's plan, the user's program does: it
 * runs {@code CLASS.main(ARGS)} in this process with the system properties {@code sluice.replay.batch} and
 * {@code sluice.replay.checkpoint} set, under which the program's {@code start()} of that query replays the batch
 * instead (into a scratch folder; the checkpoint and the sink are not touched) and refuses every other query.
 * Exit code: 0 same rows, 1 different rows, 3 the sink cannot tell, 2 the replay could not run. Without
 * {@code --main} it checks that the batch can be replayed and says how to run it. Runs on the calling thread.
 */
@Command(name = "replay", description = "Re-runs batch N of the query (its program given with --main) from the"
        + " checkpoint's offsets and state into a scratch folder and compares the rows with what the sink recorded."
        + " Exit code 0 same, 1 different, 3 the sink cannot tell, 2 the replay could not run.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the checkpoint folder (path or URI)",
            converter = SluiceCli.LocationConverter.class)
    Path dir;

    @Option(names = "--batch", required = true, paramLabel = "N", description = "the batch id to replay")
    long batch;

    @Option(names = "--main", paramLabel = "CLASS", description = "the main class of the program that defines the"
            + " query (it is run with ARGS; its start() of this query replays the batch)")
    String mainClass;

    @Option(names = "--jar", paramLabel = "JAR", description = "a jar or class folder holding the program (repeat)")
    List<Path> jars = new ArrayList<>();

    @Option(names = "--scratch", paramLabel = "FOLDER", description = "the scratch folder (default: a new temporary"
            + " folder)")
    Path scratch;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "the program's arguments (after --)")
    List<String> args = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Checkpoint checkpoint = new Checkpoint(dir);
            if (checkpoint.offsets().get(batch).isEmpty() || checkpoint.commits().get(batch).isEmpty()) {
                out.println("Batch " + batch + " of " + dir + " cannot be replayed: it is not a committed batch of"
                        + " the checkpoint (committed: " + checkpoint.commits().batchIds() + ")");
                return 2;
            }
        } catch (CheckpointException e) {
            out.println(e.getMessage());
            return 2;
        }
        if (mainClass == null) {
            out.println("Batch " + batch + " of " + dir + " is committed and can be replayed. A replay needs the"
                    + " query's plan, which only its program knows: run it with --main CLASS [--jar JAR] -- ARGS, or"
                    + " run the program with -D" + BatchReplay.REPLAY_BATCH + "=" + batch + " -D"
                    + BatchReplay.REPLAY_CHECKPOINT + "=" + dir + ", or call DataStreamWriter.replay(" + batch + ")");
            return 2;
        }
        System.setProperty(BatchReplay.REPLAY_BATCH, Long.toString(batch));
        System.setProperty(BatchReplay.REPLAY_CHECKPOINT, dir.toString());
        System.setProperty(BatchReplay.REPLAY_PRINT, "false");
        if (scratch != null) {
            System.setProperty(BatchReplay.REPLAY_SCRATCH, scratch.toAbsolutePath().toString());
        }
        BatchReplay.takeReplayModeResult();
        try {
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            ClassLoader loader = urls.length == 0 ? getClass().getClassLoader()
                    : new URLClassLoader(urls, getClass().getClassLoader());
            Method main = Class.forName(mainClass, true, loader).getMethod("main", String[].class);
            main.invoke(null, (Object) args.toArray(new String[0]));
        } catch (InvocationTargetException e) {
            out.println("The program " + mainClass + " failed: " + e.getCause());
            return 2;
        } catch (ReflectiveOperationException | java.net.MalformedURLException e) {
            out.println("Cannot run " + mainClass + ": " + e);
            return 2;
        } finally {
            System.clearProperty(BatchReplay.REPLAY_BATCH);
            System.clearProperty(BatchReplay.REPLAY_CHECKPOINT);
            System.clearProperty(BatchReplay.REPLAY_SCRATCH);
            System.clearProperty(BatchReplay.REPLAY_PRINT);
        }
        BatchReplay result = BatchReplay.takeReplayModeResult();
        if (result == null) {
            out.println("The program " + mainClass + " never started the query of checkpoint " + dir);
            return 2;
        }
        out.print(result.report());
        out.flush();
        return switch (result.verdict()) {
            case SAME -> 0;
            case DIFFERENT -> 1;
            case UNKNOWN -> 3;
        };
    }
}
