package dev.sluice.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What the UI answers to each GET, independent of the HTTP server: pages and assets from the jar, the JSON API and
 * {@code /metrics} (docs/OPERATIONS.md documents every path). Thread-safe: reads the registry only.
 */
final class Routes {
    /** An answer: status, content type, body. */
    record Response(int status, String contentType, byte[] body) {
        static Response json(int status, String text) {
            return new Response(status, "application/json; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final String ASSETS = "/dev/sluice/ui/static/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
    static final int DEFAULT_LAST = 100;

    private final QueryRegistry registry;

    Routes(QueryRegistry registry) {
        this.registry = registry;
    }

    /** The answer to {@code GET uri} (path plus optional query string). */
    Response get(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        if (path.equals("/") || path.equals("/index.html")) {
            return asset("index.html");
        }
        if (path.equals("/query") || path.equals("/query.html")) {
            return asset("query.html");
        }
        if (path.startsWith("/static/")) {
            return asset(path.substring("/static/".length()));
        }
        if (path.equals("/metrics")) {
            return new Response(200, PrometheusText.CONTENT_TYPE,
                    PrometheusText.render(registry.runs()).getBytes(StandardCharsets.UTF_8));
        }
        if (path.equals("/api/queries") || path.equals("/api/queries/")) {
            return Response.json(200, ApiJson.write(ApiJson.queries(registry.runs())));
        }
        if (path.startsWith("/api/queries/")) {
            return query(path.substring("/api/queries/".length()).split("/", -1), query);
        }
        return notFound("No page " + path);
    }

    private Response query(String[] parts, String queryString) {
        Optional<QueryRegistry.Run> run = registry.find(decode(parts[0]));
        if (run.isEmpty()) {
            return notFound("No query with id or runId " + parts[0]);
        }
        if (parts.length == 1) {
            return Response.json(200, ApiJson.write(ApiJson.detail(run.get())));
        }
        if (parts.length == 2 && (parts[1].equals("progress") || parts[1].equals("metrics"))) {
            String lastText = parameter(queryString, "last").orElse(Integer.toString(DEFAULT_LAST));
            int last;
            try {
                last = Integer.parseInt(lastText);
            } catch (NumberFormatException e) {
                last = -1;
            }
            if (last < 0) {
                return Response.json(400, ApiJson.write(ApiJson.error("Parameter last must be a whole number >= 0,"
                        + " got '" + lastText + "'")));
            }
            return Response.json(200, ApiJson.write(parts[1].equals("progress") ? ApiJson.progress(run.get(), last)
                    : ApiJson.metrics(run.get(), last)));
        }
        return notFound("No API path /api/queries/" + String.join("/", parts));
    }

    private static Response notFound(String message) {
        return Response.json(404, ApiJson.write(ApiJson.error(message)));
    }

    private static Response asset(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        if (name.contains("..") || name.contains("/") || !TYPES.containsKey(ext)) {
            return notFound("No asset " + name);
        }
        try (InputStream in = Routes.class.getResourceAsStream(ASSETS + name)) {
            if (in == null) {
                return notFound("No asset " + name);
            }
            return new Response(200, TYPES.get(ext), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the UI asset " + name + " from the jar", e);
        }
    }

    private static Optional<String> parameter(String queryString, String name) {
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
                return Optional.of(decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
