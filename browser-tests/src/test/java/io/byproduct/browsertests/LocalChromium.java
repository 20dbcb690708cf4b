package io.byproduct.browsertests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.byproduct.localinfra.MissingTool;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The machine's own Chromium, headless, driven by Playwright for Java. Playwright never downloads
 * a browser here: it is created with {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1} and launches the
 * executable named by the system property {@value #EXECUTABLE_PROPERTY} (or the environment variable
 * {@value #EXECUTABLE_ENV}), {@value #DEFAULT_EXECUTABLE} by default.
 *
 * <p>Use one instance per test class, launched in {@code @BeforeAll} when {@link #isAvailable()},
 * and one {@link Session} per test, after {@link #assumeAvailable()} in {@code @BeforeEach}, which
 * skips each test with the reason when there is no Chromium. Every launch gets a new, empty profile (Playwright makes a temporary user-data-dir and
 * deletes it on close), and every session only reaches loopback addresses.
 */
public final class LocalChromium implements AutoCloseable {

    public static final String EXECUTABLE_PROPERTY = "byproduct.chromium";
    public static final String EXECUTABLE_ENV = "BYPRODUCT_CHROMIUM";
    public static final String DEFAULT_EXECUTABLE = "/usr/bin/chromium";

    /** Headless, no sandbox (runs as root in CI), and nothing that phones home: this machine has no network. */
    public static final List<String> ARGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic");

    private final Playwright playwright;
    private final Browser browser;

    private LocalChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** The Chromium executable these tests use. */
    public static Path executable() {
        String configured = System.getProperty(EXECUTABLE_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(EXECUTABLE_ENV);
        }
        return Path.of(configured == null || configured.isBlank() ? DEFAULT_EXECUTABLE : configured);
    }

    /** Whether {@link #executable()} exists and can be run. */
    public static boolean isAvailable() {
        return Files.isExecutable(executable());
    }

    /**
     * Skips the calling test when there is no Chromium. Call it from {@code @BeforeEach}: a skip from
     * {@code @BeforeAll} reaches Maven's reports as no test at all, without the reason.
     */
    public static void assumeAvailable() {
        Path executable = executable();
        assumeTrue(Files.isExecutable(executable), () -> MissingTool.reason("chromium",
                "Browser test skipped: no Chromium at " + executable + " (./test installs Debian's chromium package"
                        + " when run as root; or set -D" + EXECUTABLE_PROPERTY + "=/path/to/chromium)"));
    }

    /** Starts Playwright's driver and a headless Chromium, or skips the calling tests when there is none. */
    public static LocalChromium launch() {
        assumeAvailable();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable())
                    .setHeadless(true)
                    .setChromiumSandbox(false)
                    .setArgs(ARGS));
            return new LocalChromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    public Browser browser() {
        return browser;
    }

    /** A new browser context (own cookies and storage) with a 1280x900 viewport. */
    public Session newSession() {
        return newSession(new Browser.NewContextOptions().setViewportSize(1280, 900));
    }

    /** A new browser context that lets requests reach loopback addresses only; others are refused and recorded. */
    public Session newSession(Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options);
        List<String> refused = new CopyOnWriteArrayList<>();
        context.route("**/*", route -> {
            String url = route.request().url();
            if (isLoopback(url)) {
                route.resume();
            } else {
                refused.add(url);
                route.abort("blockedbyclient");
            }
        });
        return new Session(context, refused);
    }

    static boolean isLoopback(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme();
        if ("data".equals(scheme) || "blob".equals(scheme) || "about".equals(scheme)) {
            return true;
        }
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        // only literal addresses: never resolve a name from here
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }

    /** One browser context; {@link #refusedRequests()} lists what it tried to fetch beyond loopback. */
    public static final class Session implements AutoCloseable {
        private final BrowserContext context;
        private final List<String> refused;

        Session(BrowserContext context, List<String> refused) {
            this.context = context;
            this.refused = refused;
        }

        public BrowserContext context() {
            return context;
        }

        public Page newPage() {
            return context.newPage();
        }

        /** Addresses beyond loopback that pages of this session asked for (all refused). */
        public List<String> refusedRequests() {
            return List.copyOf(refused);
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
