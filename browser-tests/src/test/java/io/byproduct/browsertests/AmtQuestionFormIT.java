package io.byproduct.browsertests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MTurk landing page ({@code amt-question-form.html} at the top of the repository) in a real
 * headless Chromium, served the way MTurk serves it: the batch CSV's row substituted into the HTML,
 * and assignmentId, workerId and hitId appended to the page's address.
 */
class AmtQuestionFormIT {

    private static final String ASSIGNMENT_ID = "3ASSIGNMENTID0000000000000001";
    private static final String WORKER_ID = "A2WORKER 7&x=y/é"; // needs encoding both ways
    private static final String HIT_ID = "3HITID00000000000000000000001";
    private static final String DATASET = "pilot set/2026";
    private static final String IMAGENET_HIT = "hit-0001";

    private static LocalChromium chromium;
    private static AmtFormServer server;

    private LocalChromium.Session session;
    private Page page;

    @BeforeAll
    static void startBrowserAndServer() {
        if (LocalChromium.isAvailable()) {
            chromium = LocalChromium.launch();
            server = AmtFormServer.start(RepositoryFiles.find("amt-question-form.html"));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void newPage() {
        LocalChromium.assumeAvailable();
        session = chromium.newSession();
        page = session.newPage();
    }

    @AfterEach
    void closePage() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void toolLink_allParametersPresent_carriesAllSevenParametersAndTargetsANewTab() {
        open(row("POINTER_ORIGINAL"), worker(ASSIGNMENT_ID, WORKER_ID, HIT_ID));

        String href = link().getAttribute("href");
        assertThat(href).isNotNull();
        URI uri = URI.create(href);
        URI base = URI.create(toolLink());
        assertThat(uri.getScheme()).isEqualTo(base.getScheme());
        assertThat(uri.getHost()).isEqualTo(base.getHost());
        assertThat(uri.getPort()).isEqualTo(base.getPort());
        assertThat(uri.getPath()).isEqualTo("/tool/");
        assertThat(query(uri)).containsOnly(
                Map.entry("x", List.of("1")),
                Map.entry("version", List.of("POINTER_ORIGINAL")),
                Map.entry("assignmentId", List.of(ASSIGNMENT_ID)),
                Map.entry("workerId", List.of(WORKER_ID)),
                Map.entry("hitId", List.of(HIT_ID)),
                Map.entry("hitDatasetName", List.of(DATASET)),
                Map.entry("imageNetHitId", List.of(IMAGENET_HIT)));
        assertThat(link().getAttribute("target")).isEqualTo("_blank");
        assertThat(link().getAttribute("aria-disabled")).isNull();
        assertThat(link().isEnabled()).isTrue();
        assertThat(status().isVisible()).isFalse();
    }

    @Test
    void toolLink_clicked_opensTheToolInANewTabAndKeepsTheLandingPage() {
        open(row("NO_POINTER_NO_ORIGINAL"), worker(ASSIGNMENT_ID, WORKER_ID, HIT_ID));
        String landing = page.url();
        String href = link().getAttribute("href");

        Page tool = session.context().waitForPage(() -> link().click());
        tool.waitForLoadState();

        assertThat(tool).isNotSameAs(page);
        assertThat(tool.url()).isEqualTo(href);
        assertThat(tool.locator("h1").textContent()).isEqualTo("Annotation tool stub");
        assertThat(page.isClosed()).isFalse();
        assertThat(page.url()).isEqualTo(landing);
        assertThat(server.toolRequests()).anySatisfy(request -> assertThat(query(request))
                .containsEntry("workerId", List.of(WORKER_ID))
                .containsEntry("version", List.of("NO_POINTER_NO_ORIGINAL"))
                .containsEntry("imageNetHitId", List.of(IMAGENET_HIT)));
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"assignmentId", "workerId", "hitId"})
    void toolLink_workerParameterMissing_showsTheErrorAndIsDisabled(String missing) {
        Map<String, String> params = worker(ASSIGNMENT_ID, WORKER_ID, HIT_ID);
        params.remove(missing);
        open(row("POINTER_ORIGINAL"), params);

        assertThat(status().isVisible()).isTrue();
        assertThat(status().textContent()).contains("cannot be made").contains(missing);
        assertLinkDisabled();
    }

    @Test
    void toolLink_workerParameterEmpty_showsTheErrorAndIsDisabled() {
        open(row("POINTER_ORIGINAL"), worker(ASSIGNMENT_ID, "", HIT_ID));

        assertThat(status().textContent()).contains("workerId");
        assertLinkDisabled();
    }

    @Test
    void toolLink_preview_asksTheWorkerToAcceptTheHitFirstAndIsDisabled() {
        // MTurk's preview: no worker yet, and a placeholder assignment
        Map<String, String> params = new LinkedHashMap<>();
        params.put("assignmentId", "ASSIGNMENT_ID_NOT_AVAILABLE");
        params.put("hitId", HIT_ID);
        open(row("POINTER_NO_ORIGINAL"), params);

        assertThat(status().isVisible()).isTrue();
        assertThat(status().textContent()).contains("accept the HIT first");
        assertLinkDisabled();
        // the instructions stay readable in the preview
        assertThat(page.locator("#bp-pointer-instructions").isVisible()).isTrue();
        assertThat(page.locator("#bp-blur-instructions").isVisible()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "POINTER_ORIGINAL,       true,  false",
            "NO_POINTER_ORIGINAL,    false, false",
            "POINTER_NO_ORIGINAL,    true,  true",
            "NO_POINTER_NO_ORIGINAL, false, true",
    })
    void instructions_version_showPointerAndBlurNotesOnlyForTheirVersions(
            String version, boolean pointerShown, boolean blurShown) {
        open(row(version), worker(ASSIGNMENT_ID, WORKER_ID, HIT_ID));

        Locator pointer = page.locator("#bp-pointer-instructions");
        Locator blur = page.locator("#bp-blur-instructions");
        assertThat(pointer.isVisible()).as("red pointer note").isEqualTo(pointerShown);
        assertThat(blur.isVisible()).as("blur note").isEqualTo(blurShown);
        assertThat(pointer.textContent()).contains("red dot").contains("stays where you clicked");
        assertThat(blur.textContent()).contains("blurred until you move the mouse pointer over them");
    }

    @Test
    void instructions_anyVersion_stateTheFactsOfTheTask() {
        open(row("NO_POINTER_ORIGINAL"), worker(ASSIGNMENT_ID, WORKER_ID, HIT_ID));

        String text = page.locator("main").innerText().replaceAll("\\s+", " ");
        assertThat(text)
                .contains("10 pages")
                .contains("1 object class per page")
                .contains("48 candidate images per page")
                .contains("Click every image that contains at least one object of that class")
                .contains("Click the image again to undo")
                .contains("blue border")
                .contains("do not select drawings, paintings")
                .contains("Do not close it")
                .contains("unique survey code");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "batch CSV not applied    | '${toolLink}'                | '${version}'   | 'not set up correctly'",
            "unknown version          | TOOL                         | FANCY          | 'FANCY'",
            "tool link not a web page | 'javascript:alert(1)'        | POINTER_ORIGINAL | 'not a web address'",
    })
    void toolLink_hitMisconfigured_showsASetupErrorAndIsDisabled(
            String caseName, String toolLink, String version, String expected) {
        Map<String, String> row = row(version);
        if (!toolLink.equals("TOOL")) {
            row.put("toolLink", toolLink);
        }
        open(row, worker(ASSIGNMENT_ID, WORKER_ID, HIT_ID));

        assertThat(status().isVisible()).isTrue();
        assertThat(status().textContent()).contains("not set up correctly").contains(expected)
                .contains("return the HIT");
        assertLinkDisabled();
    }

    @Test
    void surveyCode_beforeAnything_isARequiredTextFieldNamedSurveycode() {
        open(row("POINTER_ORIGINAL"), worker(ASSIGNMENT_ID, WORKER_ID, HIT_ID));

        Locator field = page.getByLabel("survey code");
        assertThat(field.getAttribute("name")).isEqualTo("surveycode");
        assertThat(field.getAttribute("type")).isEqualTo("text");
        assertThat((Boolean) field.evaluate("el => el.required")).isTrue();
        assertThat((Boolean) field.evaluate("el => el.validity.valueMissing")).isTrue();
        assertThat((Boolean) field.evaluate("el => el.checkValidity()")).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"12345", "1234567", "GGGGGG", "3FA09Z", "3F A09", "ABC-12", "0x3FA0"})
    void surveyCode_notSixHexCharacters_isRejected(String code) {
        open(row("POINTER_ORIGINAL"), worker(ASSIGNMENT_ID, WORKER_ID, HIT_ID));

        Locator field = page.getByLabel("survey code");
        field.fill(code);

        assertThat((Boolean) field.evaluate("el => el.validity.patternMismatch")).isTrue();
        assertThat((Boolean) field.evaluate("el => el.checkValidity()")).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"3FA09C", "3fa09c", "FFFFFF", "000000", "aBcDeF"})
    void surveyCode_sixHexCharactersInAnyCase_isAccepted(String code) {
        open(row("POINTER_ORIGINAL"), worker(ASSIGNMENT_ID, WORKER_ID, HIT_ID));

        Locator field = page.getByLabel("survey code");
        field.fill(code);

        assertThat((Boolean) field.evaluate("el => el.checkValidity()")).isTrue();
    }

    @Test
    void landingPage_opened_requestsNothingButItself() {
        List<String> requests = new ArrayList<>();
        page.onRequest(request -> requests.add(request.url()));

        open(row("POINTER_NO_ORIGINAL"), worker(ASSIGNMENT_ID, WORKER_ID, HIT_ID));
        page.waitForLoadState();

        assertThat(requests).containsExactly(page.url());
        assertThat(session.refusedRequests()).isEmpty();
    }

    @Test
    void landingPage_allParameters_savesAScreenshot() throws IOException {
        open(row("POINTER_NO_ORIGINAL"), worker(ASSIGNMENT_ID, WORKER_ID, HIT_ID));
        Path screenshots = Files.createDirectories(RepositoryFiles.screenshots());
        Path file = screenshots.resolve("amt-question-form.png");

        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));

        byte[] png = Files.readAllBytes(file);
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void landingPage_preview_savesAScreenshot() throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("assignmentId", "ASSIGNMENT_ID_NOT_AVAILABLE");
        params.put("hitId", HIT_ID);
        open(row("NO_POINTER_ORIGINAL"), params);
        Path file = Files.createDirectories(RepositoryFiles.screenshots()).resolve("amt-question-form-preview.png");

        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));

        assertThat(Files.size(file)).isGreaterThan(10_000);
    }

    // --- helpers

    private static String toolLink() {
        return server.origin() + "/tool/?x=1";
    }

    /** One row of the requester's batch CSV. */
    private static Map<String, String> row(String version) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("toolLink", toolLink());
        row.put("version", version);
        row.put("hitDatasetName", DATASET);
        row.put("imageNetHitId", IMAGENET_HIT);
        return row;
    }

    /** What MTurk appends to the page's address. */
    private static Map<String, String> worker(String assignmentId, String workerId, String hitId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("assignmentId", assignmentId);
        params.put("hitId", hitId);
        params.put("workerId", workerId);
        params.put("turkSubmitTo", "https://workersandbox.mturk.com");
        return params;
    }

    private void open(Map<String, String> row, Map<String, String> mturkParams) {
        String query = mturkParams.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        page.navigate(server.publish(row) + (query.isEmpty() ? "" : "?" + query));
    }

    private Locator link() {
        return page.locator("#bp-tool-link");
    }

    private Locator status() {
        return page.locator("#bp-status");
    }

    private void assertLinkDisabled() {
        Locator link = link();
        assertThat(link.getAttribute("href")).as("href").isNull();
        assertThat(link.getAttribute("aria-disabled")).isEqualTo("true");
        assertThat(link.isDisabled()).isTrue();
        int pagesBefore = session.context().pages().size();
        link.dispatchEvent("click");
        page.waitForTimeout(300);
        assertThat(session.context().pages()).hasSize(pagesBefore);
        assertThat(page.url()).contains("/hits/");
    }

    private static Map<String, List<String>> query(URI uri) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }
}
