package io.byproduct.browsertests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays MTurk for the landing page: a JDK HTTP server on 127.0.0.1 (random port) that serves the
 * template with its {@code ${name}} placeholders replaced literally by one batch-CSV row, as MTurk's
 * requester UI does, plus a stub of the annotation tool at {@code /tool/} that records the requests
 * it gets.
 */
final class AmtFormServer implements AutoCloseable {

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final String template;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final AtomicInteger published = new AtomicInteger();
    private final List<URI> toolRequests = new CopyOnWriteArrayList<>();

    private AmtFormServer(String template) throws IOException {
        this.template = template;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "amt-form-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/hits/", this::servePage);
        server.createContext("/tool/", this::serveTool);
        server.createContext("/", exchange -> respond(exchange, 404, "text/plain", "not found"));
        server.start();
    }

    static AmtFormServer start(Path templateFile) {
        try {
            return new AmtFormServer(Files.readString(templateFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    String origin() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The template with each {@code ${column}} of the row replaced literally; other placeholders stay. */
    static String fill(String template, Map<String, String> row) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = row.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Publishes the page for one CSV row; answers its address, to which MTurk's query string is appended. */
    String publish(Map<String, String> row) {
        String path = "/hits/" + published.incrementAndGet();
        pages.put(path, fill(template, row));
        return origin() + path;
    }

    /** Requests the tool stub got, in order. */
    List<URI> toolRequests() {
        return List.copyOf(toolRequests);
    }

    private void servePage(HttpExchange exchange) throws IOException {
        String page = pages.get(exchange.getRequestURI().getPath());
        if (page == null) {
            respond(exchange, 404, "text/plain", "not found");
        } else {
            respond(exchange, 200, "text/html; charset=utf-8", page);
        }
    }

    private void serveTool(HttpExchange exchange) throws IOException {
        toolRequests.add(exchange.getRequestURI());
        respond(exchange, 200, "text/html; charset=utf-8",
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Annotation tool stub</title>"
                        + "</head><body><h1>Annotation tool stub</h1></body></html>");
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
