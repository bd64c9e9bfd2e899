package dev.sluice.connectors.jdbc;

import dev.sluice.connectors.support.Redaction;
import dev.sluice.sql.AnalysisException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The options of {@code format("jdbc")}, parsed and checked once (Spark's {@code JDBCOptions} rules and error
 * texts): where to connect ({@code url}, {@code user}, {@code password}, {@code driver}, and every option that is
 * not a jdbc option, passed to the driver as a connection property), what to read ({@code dbtable} or
 * {@code query}), how to read ({@code fetchsize}, partitioning, {@code pushDownPredicate},
 * {@code sessionInitStatement}, {@code customSchema}, {@code refreshEachBatch}) and how to write
 * ({@code batchsize}, {@code truncate}, {@code createTableOptions}, {@code createTableColumnTypes},
 * {@code isolationLevel}, and for the streaming sink {@code keys}, {@code commitTable}, {@code sinkId}).
 *
 * <p>Immutable and thread-safe. {@link #toString()} and every message built from these options hide the
 * password, including one written inside the URL.
 */
final class JdbcOptions {
    /** The options Sluice interprets; every other option goes to the driver as a connection property. */
    private static final Set<String> JDBC_OPTIONS = caseInsensitiveSet("url", "dbtable", "query", "driver",
            "partitionColumn", "lowerBound", "upperBound", "numPartitions", "queryTimeout", "fetchsize", "truncate",
            "cascadeTruncate", "createTableOptions", "createTableColumnTypes", "customSchema", "batchsize",
            "isolationLevel", "sessionInitStatement", "pushDownPredicate", "refreshEachBatch", "keys",
            "commitTable", "sinkId", "checkpointLocation", "path");
    private static final AtomicLong SUBQUERY_IDS = new AtomicLong();

    final String url;
    /** What goes after {@code FROM}: the dbtable text, or {@code (query) SPARK_GEN_SUBQ_n}. */
    final String tableOrQuery;
    /** The dbtable option as given (null with {@code query}), for writes and messages. */
    final String table;
    final String user;
    final String password;
    final String driverClass;
    final int fetchSize;
    final int queryTimeoutSeconds;
    final String partitionColumn;
    /** The {@code lowerBound} option as given (a number, date or timestamp), or null. */
    final String lowerBound;
    /** The {@code upperBound} option as given, or null. */
    final String upperBound;
    final int numPartitions;
    final boolean pushDownPredicate;
    final String sessionInitStatement;
    final String customSchema;
    final boolean refreshEachBatch;
    final int batchSize;
    final boolean truncate;
    final String createTableOptions;
    final String createTableColumnTypes;
    final int isolationLevel;
    final List<String> keys;
    final String commitTable;
    final String sinkId;
    /** Connection properties for the driver: user, password and every non-jdbc option. */
    private final Map<String, String> driverProperties;

    JdbcOptions(Map<String, String> given) {
        Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // Spark's CaseInsensitiveMap
        options.putAll(given);
        url = options.get("url");
        if (url == null) {
            throw invalid("requirement failed: Option 'url' is required.");
        }
        String dbtable = options.get("dbtable");
        String query = options.get("query");
        if (dbtable != null && query != null) {
            throw invalid("requirement failed: Both 'dbtable' and 'query' can not be specified at the same time.");
        }
        if (dbtable == null && query == null) {
            throw invalid("requirement failed: Option 'dbtable' or 'query' is required.");
        }
        if (dbtable != null && dbtable.trim().isEmpty()) {
            throw invalid("requirement failed: Option `dbtable` can not be empty.");
        }
        if (query != null && query.trim().isEmpty()) {
            throw invalid("requirement failed: Option `query` can not be empty.");
        }
        table = dbtable;
        tableOrQuery = dbtable != null ? dbtable.trim()
                : "(" + query.trim() + ") SPARK_GEN_SUBQ_" + SUBQUERY_IDS.getAndIncrement();
        user = options.get("user");
        password = options.get("password");
        driverClass = options.get("driver");
        fetchSize = nonNegative(options, "fetchsize", 0);
        queryTimeoutSeconds = nonNegative(options, "queryTimeout", 0);

        partitionColumn = options.get("partitionColumn");
        String lower = options.get("lowerBound");
        String upper = options.get("upperBound");
        String partitions = options.get("numPartitions");
        if (query != null && partitionColumn != null) {
            throw invalid("requirement failed: Options 'query' and 'partitionColumn' can not be specified together."
                    + " Please define the query using `dbtable` option instead and make sure to qualify the partition"
                    + " columns using the supplied subquery alias to resolve any ambiguity. Example : spark.read.format("
                    + "\"jdbc\").option(\"url\", jdbcUrl).option(\"dbtable\", \"(select c1, c2 from t1) as subq\")"
                    + ".option(\"partitionColumn\", \"c1\").option(\"lowerBound\", \"1\").option(\"upperBound\", \"100\")"
                    + ".option(\"numPartitions\", \"3\").load()");
        }
        boolean anyBound = partitionColumn != null || lower != null || upper != null;
        if (anyBound && (partitionColumn == null || lower == null || upper == null || partitions == null)) {
            throw invalid("requirement failed: When reading JDBC data sources, users need to specify all or none for"
                    + " the following options: 'partitionColumn', 'lowerBound', 'upperBound', and 'numPartitions'");
        }
        // The bounds' meaning depends on the partition column's type, known only with the schema: JdbcPartitioning
        // parses and checks them then, as Spark's columnPartition does.
        lowerBound = lower;
        upperBound = upper;
        numPartitions = partitions == null ? 1 : (int) parseLong("numPartitions", partitions);

        pushDownPredicate = bool(options, "pushDownPredicate", true);
        sessionInitStatement = options.get("sessionInitStatement");
        customSchema = options.get("customSchema");
        refreshEachBatch = bool(options, "refreshEachBatch", false);
        batchSize = (int) parseLong("batchsize", options.getOrDefault("batchsize", "1000"));
        if (batchSize < 1) {
            throw invalid("requirement failed: Invalid value `" + batchSize + "` for parameter `batchsize` in table"
                    + " writing via JDBC. The minimum value is 1.");
        }
        truncate = bool(options, "truncate", false);
        createTableOptions = options.getOrDefault("createTableOptions", "");
        createTableColumnTypes = options.get("createTableColumnTypes");
        isolationLevel = isolationLevel(options.getOrDefault("isolationLevel", "READ_UNCOMMITTED"));
        keys = splitColumns(options.get("keys"));
        commitTable = options.getOrDefault("commitTable", "sluice_jdbc_commits");
        sinkId = options.get("sinkId");

        Map<String, String> props = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        options.forEach((k, v) -> {
            if (!JDBC_OPTIONS.contains(k)) {
                props.put(k, v);
            }
        });
        driverProperties = Collections.unmodifiableMap(props);
    }

    /** The properties handed to {@code Driver.connect}. */
    Properties connectionProperties() {
        Properties props = new Properties();
        driverProperties.forEach(props::setProperty);
        return props;
    }

    /** Every secret these options hold, to scrub from driver messages. */
    List<String> secrets() {
        // The URL's own credentials first: drivers quote fragments of the URL in their messages.
        List<String> secrets = new ArrayList<>(Redaction.urlSecrets(url));
        driverProperties.forEach((k, v) -> {
            if (Redaction.isSecret(k)) {
                secrets.add(v);
            }
        });
        return secrets;
    }

    /** The URL with any credential inside it hidden. */
    String redactedUrl() {
        return Redaction.redactUrl(url);
    }

    /** The table (or subquery) as shown in plans and messages: credentials cannot occur there. */
    String displayName() {
        return table != null ? table : tableOrQuery;
    }

    @Override
    public String toString() {
        return "JdbcOptions[url=" + redactedUrl() + ", table=" + displayName() + ", properties="
                + Redaction.redact(driverProperties) + "]";
    }

    private static int isolationLevel(String text) {
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "NONE" -> Connection.TRANSACTION_NONE;
            case "READ_UNCOMMITTED" -> Connection.TRANSACTION_READ_UNCOMMITTED;
            case "READ_COMMITTED" -> Connection.TRANSACTION_READ_COMMITTED;
            case "REPEATABLE_READ" -> Connection.TRANSACTION_REPEATABLE_READ;
            case "SERIALIZABLE" -> Connection.TRANSACTION_SERIALIZABLE;
            default -> throw invalid("Invalid value `" + text + "` for option `isolationLevel`: expected one of NONE,"
                    + " READ_UNCOMMITTED, READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE.");
        };
    }

    static List<String> splitColumns(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return List.copyOf(out);
    }

    /** {@code true}/{@code false}, case-insensitive, as Spark's {@code toBoolean} on JDBC options. */
    private static boolean bool(Map<String, String> options, String key, boolean defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("Invalid value " + dev.sluice.conf.OptionValues.quoted(key, value) + " for option '"
                    + key + "': expected true or false");
        };
    }

    private static int nonNegative(Map<String, String> options, String key, int defaultValue) {
        String value = options.get(key);
        long parsed = value == null ? defaultValue : parseLong(key, value);
        if (parsed < 0 || parsed > Integer.MAX_VALUE) {
            throw invalid("requirement failed: Invalid value `" + value + "` for parameter `" + key + "`. The minimum"
                    + " value is 0.");
        }
        return (int) parsed;
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid("Invalid value `" + value + "` for option `" + key + "`: expected an integer.");
        }
    }

    static AnalysisException invalid(String message) {
        return new AnalysisException("JDBC_INVALID_OPTION", message, "42616");
    }

    private static Set<String> caseInsensitiveSet(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(Arrays.asList(names));
        return Collections.unmodifiableSet(set);
    }
}
