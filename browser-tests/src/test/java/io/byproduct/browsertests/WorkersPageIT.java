package io.byproduct.browsertests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.impl.TargetClosedError;
import io.byproduct.devstack.LocalStack;
import io.byproduct.platform.DynamoClients;
import io.byproduct.platform.config.DynamoProperties;
import io.byproduct.platform.pages.PageReader;
import io.byproduct.platform.tables.Tables;
import io.byproduct.platform.workers.AssignmentBinding;
import io.byproduct.platform.workers.SurveyCodes;
import io.byproduct.platform.workers.WorkerPseudonyms;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

/**
 * The worker's page (the {@code web} module, served by the gateway) in a real headless Chromium
 * against the whole local system: Kafka, dynalite, the gateway, the stream processor and the page
 * assembler, with the demo dataset (HITs of 3 pages × 48 images). What the browser did is read
 * back from DynamoDB.
 */
class WorkersPageIT {

  private static final int PAGES = 3;
  private static final int IMAGES = 48;
  private static final double[][] ZIGZAG = {{0.1, 0.2}, {0.5, 0.8}, {0.9, 0.3}, {0.4, 0.5}};
  private static final double[][] DIAGONAL = {{0.05, 0.05}, {0.5, 0.5}, {0.95, 0.95}};

  @TempDir
  static Path dataDir;

  private static LocalStack stack;
  private static LocalChromium chromium;
  private static DynamoDbClient dynamo;
  private static PageReader pages;
  private static WorkerPseudonyms pseudonyms;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private LocalChromium.Session session;
  private WorkerPage worker;
  private final List<String> dialogs = new CopyOnWriteArrayList<>();
  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startSystem() throws IOException {
    if (!LocalChromium.isAvailable()) {
      return;
    }
    stack = LocalStack.start(dataDir, 0, new PrintStream(PrintStream.nullOutputStream()));
    DynamoProperties props = new DynamoProperties(URI.create(stack.dynamoEndpoint()), "us-east-1", "local", "local",
        Duration.ofSeconds(10), new DynamoProperties.TableNames("ImageNetHIT", "ImageNetAnnotation", "ImageNetAnnotationPage"));
    dynamo = DynamoClients.create(props);
    pages = new PageReader(dynamo, new Tables(props.tables()));
    pseudonyms = new WorkerPseudonyms(Files.readString(stack.dataDir().resolve("worker-id-key")).trim());
    chromium = LocalChromium.launch();
  }

  @AfterAll
  static void stopSystem() {
    if (chromium != null) {
      chromium.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @BeforeEach
  void newBrowser() {
    LocalChromium.assumeAvailable();
    session = chromium.newSession();
    worker = new WorkerPage(newPage());
  }

  private Page newPage() {
    Page page = session.newPage();
    // the page warns before unloading while annotating: accept, as a worker who means to leave
    page.onDialog(dialog -> {
      dialogs.add(dialog.type());
      dialog.accept();
    });
    page.onConsoleMessage(message -> {
      // the survey code is polled: 409 until the HIT's last page is processed
      if ("error".equals(message.type()) && !message.text().contains("409")) {
        consoleErrors.add(message.text());
      }
    });
    return page;
  }

  @AfterEach
  void closeBrowser() {
    if (session != null) {
      assertThat(session.refusedRequests()).as("requests beyond this machine (no CDN)").isEmpty();
      // pages first: a page still sending while its context closes races Playwright's route bookkeeping
      for (Page page : session.context().pages()) {
        page.close();
      }
      try {
        session.close();
      } catch (TargetClosedError e) {
        // the context went away with its pages
      }
    }
  }

  private static String newWorkerId() {
    return "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
  }

  // --- the whole HIT

  @Test
  void wholeHit_pathsHoversClicksDeselectionAndKeyboard_areStoredAsTheBrowserSawThem_thenTheSurveyCode() throws Exception {
    String workerId = newWorkerId();
    String url = WorkerPage.url(stack.baseUrl(), "demo-hit-01", workerId, "POINTER_NO_ORIGINAL", "");
    worker.open(url);
    assertThat(worker.page().locator(".grid button.cell").count()).isEqualTo(IMAGES);
    assertThat(worker.progressText()).isEqualTo("1 page(s) / 3 pages");
    String annotationId = worker.annotationId();
    assertThat(annotationId).as("the annotation id the gateway derives for this worker and assignment").isEqualTo(
        new AssignmentBinding(stack.workerIdKey()).annotationId("demo", "demo-hit-01", pseudonyms.pseudonymise(workerId),
            "ASSIGN-" + workerId, "MTURK-demo-hit-01"));
    List<JsonNode> seen = new ArrayList<>();
    List<List<String>> shown = new ArrayList<>();

    // page 1: paths over three images, in and out; select two, select and de-select a third
    worker.moveAlong(0, ZIGZAG);
    worker.moveAlong(1, DIAGONAL);
    worker.moveAway();
    worker.moveAlong(4, ZIGZAG);
    worker.clickAt(1, 0.25, 0.75);
    worker.clickAt(4, 0.5, 0.5);
    worker.moveAlong(4, DIAGONAL); // over a selected image: raw samples, no tracking
    worker.clickAt(4, 0.6, 0.4);   // de-selects
    worker.clickAt(7, 0.9, 0.1);
    worker.moveAway();
    assertThat(worker.selected(1)).isTrue();
    assertThat(worker.selected(4)).isFalse();
    assertThat(worker.selected(7)).isTrue();
    shown.add(worker.imageIds());
    worker.submitAndAwaitPage(2, PAGES);
    seen.add(worker.submittedRecords(1));

    // page 2: a path, and a selection from the keyboard (no pointer position: the image's centre)
    worker.moveAlong(10, ZIGZAG);
    worker.moveAway();
    worker.cell(5).focus();
    worker.page().keyboard().press("Space");
    assertThat(worker.selected(5)).isTrue();
    assertThat(worker.page().locator(".visually-hidden[role=status]").textContent()).isEqualTo("Image 6 selected");
    shown.add(worker.imageIds());
    worker.submitAndAwaitPage(3, PAGES);
    seen.add(worker.submittedRecords(2));

    // page 3
    worker.clickAt(47, 0.3, 0.3);
    worker.moveAway();
    shown.add(worker.imageIds());
    worker.submit();
    String code = worker.awaitSurveyCode();
    seen.add(worker.submittedRecords(3));

    assertThat(code).matches("[0-9A-F]{6}");
    assertThat(worker.page().locator("h1").textContent()).isEqualTo("Thank you!");
    assertThat(worker.page().locator("main").innerText()).contains("Put this survey code in AWS Mturk survey form.");
    assertThat(surveyCodeFromApi(workerId, "demo-hit-01")).isEqualTo(code)
        .isEqualTo(new SurveyCodes(stack.surveyCodeKey()).code("MTURK-demo-hit-01", workerId, "ASSIGN-" + workerId));

    String pseudonym = pseudonyms.pseudonymise(workerId);
    for (int p = 1; p <= PAGES; p++) {
      JsonNode stored = storedPage(annotationId, p);
      assertThat(stored.get("pageno").asInt()).isEqualTo(p);
      assertStoredEqualsBrowser(stored, shown.get(p - 1), List.of(seen.get(p - 1)));
      for (JsonNode image : stored.get("annotations")) {
        assertThat(image.get("worker_id").asString()).isEqualTo(pseudonym);
        assertThat(image.get("imageWidth").asInt()).as("rendered width").isBetween(100, 332);
        assertThat(image.get("originalImageWidth").asInt()).as("natural width").isIn(375, 400, 500, 640);
        for (JsonNode point : image.get("mouseTracking")) {
          assertThat(point.get("x").asDouble()).isBetween(0.0, 1.0);
          assertThat(point.get("y").asDouble()).isBetween(0.0, 1.0);
        }
      }
    }
    JsonNode page1 = storedPage(annotationId, 1).get("annotations");
    assertThat(page1.get(1).get("selected").asBoolean()).isTrue();
    assertThat(page1.get(1).get("selectedRecord").get(0).get("x").asDouble()).isCloseTo(0.25, within(0.02));
    assertThat(page1.get(1).get("selectedRecord").get(0).get("y").asDouble()).isCloseTo(0.75, within(0.02));
    assertThat(page1.get(4).get("selected").asBoolean()).isFalse();
    assertThat(page1.get(4).get("selectedCount").asInt()).isEqualTo(1);
    assertThat(page1.get(7).get("selectedRecord").get(0).get("x").asDouble()).isCloseTo(0.9, within(0.02));
    assertThat(page1.get(0).get("hoveredCount").asInt()).isPositive();
    assertThat(page1.get(0).get("mouseTracking").size()).isGreaterThan(5);
    assertThat(actions(page1.get(0))).startsWith("enter", "leave");
    JsonNode keyboard = storedPage(annotationId, 2).get("annotations").get(5);
    assertThat(keyboard.get("selectedRecord").get(0).get("x").asDouble()).isEqualTo(0.5);

    Map<String, AttributeValue> annotation = await(Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("ImageNetAnnotation").consistentRead(true)
          .key(Map.of("id", AttributeValue.fromS(annotationId)))).item();
      return item != null && item.containsKey("isDone") && item.get("isDone").bool() ? Optional.of(item) : Optional.empty();
    });
    assertThat(annotation.get("pageCount").n()).isEqualTo("3");
    assertThat(annotation.get("workerID").s()).isEqualTo(pseudonym);
    assertThat(annotation.get("version").s()).isEqualTo("POINTER_NO_ORIGINAL");

    // the same worker opens the HIT again in a new browser (nothing kept locally): the code again
    try (LocalChromium.Session other = chromium.newSession()) {
      Page again = other.newPage();
      again.navigate(url);
      assertThat(new WorkerPage(again).awaitSurveyCode()).isEqualTo(code);
    }
    assertThat(consoleErrors).isEmpty();
  }

  // --- durability

  @Test
  void reloadMidPage_andADroppedWebSocket_loseNothingAndDuplicateNothing() throws Exception {
    String workerId = newWorkerId();
    // acks can be swallowed, and a connection can die with frames in flight, then close
    FlakyIngest ingest = FlakyIngest.routed(worker.page());
    String url = WorkerPage.url(stack.baseUrl(), "demo-hit-02", workerId, "POINTER_ORIGINAL", "");
    worker.open(url);
    String annotationId = worker.annotationId();
    List<String> shown = worker.imageIds();

    worker.moveAlong(2, ZIGZAG);
    worker.clickAt(3, 0.2, 0.2);
    // acks stop coming; then the connection dies with frames in flight (lost), and closes
    ingest.swallowAcks.set(true);
    worker.moveAlong(6, DIAGONAL);
    worker.page().waitForTimeout(700);
    FlakyIngest.Connection first = ingest.last();
    first.dead().set(true);
    ingest.swallowAcks.set(false);
    worker.moveAlong(8, ZIGZAG);
    worker.clickAt(8, 0.7, 0.7);
    worker.page().waitForTimeout(900);
    assertThat(ingest.lostFrames.get()).isPositive();
    assertThat(ingest.swallowedAcks.get()).isPositive();
    first.close("dropped");
    worker.page().waitForFunction("() => window.byproduct.client.status().connection === 'open'", null,
        new Page.WaitForFunctionOptions().setTimeout(20_000));
    assertThat(ingest.connections).hasSizeGreaterThanOrEqualTo(2);
    worker.moveAlong(9, DIAGONAL);
    worker.moveAway();
    JsonNode beforeReload = worker.browserRecords();

    // a reload in the middle of the page (some events not acknowledged yet)
    ingest.swallowAcks.set(true);
    worker.moveAlong(12, ZIGZAG);
    worker.clickAt(12, 0.5, 0.5);
    worker.moveAway();
    JsonNode beforeReload2 = worker.browserRecords();
    worker.page().reload();
    ingest.swallowAcks.set(false);
    worker.awaitGrid();
    assertThat(dialogs).contains("beforeunload");
    assertThat(worker.progressText()).isEqualTo("1 page(s) / 3 pages");
    assertThat(worker.annotationId()).isEqualTo(annotationId);
    assertThat(worker.selected(3)).as("selection kept over the reload").isTrue();
    assertThat(worker.selected(8)).isTrue();
    assertThat(worker.selected(12)).isTrue();
    worker.moveAlong(2, DIAGONAL);
    worker.clickAt(3, 0.4, 0.4); // de-selects an image selected before the reload
    worker.moveAlong(20, ZIGZAG);
    worker.moveAway();
    worker.submitAndAwaitPage(2, PAGES);
    JsonNode afterReload = worker.submittedRecords(1);
    worker.submitAndAwaitPage(3, PAGES);
    worker.submit();
    worker.awaitSurveyCode();

    assertThat(beforeReload.get(12).get("hoveredCount").asInt()).isZero();
    assertStoredEqualsBrowser(storedPage(annotationId, 1), shown, List.of(beforeReload2, afterReload));
    JsonNode stored = storedPage(annotationId, 1).get("annotations");
    assertThat(stored.get(3).get("selected").asBoolean()).isFalse();
    assertThat(stored.get(3).get("selectedCount").asInt()).isEqualTo(1);
    assertThat(stored.get(8).get("selected").asBoolean()).isTrue();
    assertThat(stored.get(12).get("selected").asBoolean()).isTrue();
    assertThat(stored.get(2).get("hoveredCount").asInt()).isEqualTo(
        beforeReload2.get(2).get("hoveredCount").asInt() + afterReload.get(2).get("hoveredCount").asInt());
  }

  @Test
  void networkDownOnSubmit_saysSoKeepsThePage_andSubmitsWhenTheNetworkIsBack() throws Exception {
    String workerId = newWorkerId();
    AtomicBoolean down = new AtomicBoolean(false);
    worker.page().routeWebSocket("**/ingest/ws", ws -> {
      if (down.get()) {
        ws.close(new WebSocketRoute.CloseOptions().setCode(1011).setReason("offline"));
        return;
      }
      WebSocketRoute server = ws.connectToServer();
      ws.onMessage(frame -> {
        if (down.get()) {
          ws.close(new WebSocketRoute.CloseOptions().setCode(1011).setReason("offline"));
        } else {
          server.send(frame.text());
        }
      });
      server.onMessage(frame -> ws.send(frame.text()));
    });
    worker.page().route("**/ingest/frames", route -> {
      if (down.get()) {
        route.abort("internetdisconnected");
      } else {
        route.resume();
      }
    });
    worker.page().route("**/assignment", route -> {
      if (down.get()) {
        route.abort("internetdisconnected");
      } else {
        route.resume();
      }
    });
    worker.open(WorkerPage.url(stack.baseUrl(), "demo-hit-01", workerId, "NO_POINTER_ORIGINAL", ""));
    String annotationId = worker.annotationId();
    List<String> shown = worker.imageIds();
    worker.moveAlong(0, ZIGZAG);
    worker.clickAt(0, 0.5, 0.5);
    worker.moveAway();

    down.set(true);
    worker.submit();
    worker.page().waitForFunction("() => document.querySelector('.overlay-message')?.textContent.includes('connection to the server is down')",
        null, new Page.WaitForFunctionOptions().setTimeout(20_000));
    assertThat(worker.page().locator(".overlay").isVisible()).isTrue();
    assertThat(worker.progressText()).isEqualTo("1 page(s) / 3 pages");
    Path screenshots = Files.createDirectories(RepositoryFiles.screenshots());
    worker.page().screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve("workers-page-network-down.png")));
    worker.page().waitForTimeout(2000);
    assertThat(worker.progressText()).as("still on the page while nothing is acknowledged").isEqualTo("1 page(s) / 3 pages");

    down.set(false);
    worker.page().waitForFunction("() => document.querySelector('.progress')?.textContent === '2 page(s) / 3 pages'", null,
        new Page.WaitForFunctionOptions().setTimeout(60_000));
    assertStoredEqualsBrowser(storedPage(annotationId, 1), shown, List.of(worker.submittedRecords(1)));
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void networkCutFor30sMidPage_whileTheWorkerMovesAndClicks_loseNothingAndDuplicateNothing() throws Exception {
    String workerId = newWorkerId();
    // the cut: the browser goes offline, frames in flight die with the connection, which then
    // closes; every reconnect fails until the network is back
    FlakyIngest ingest = FlakyIngest.routed(worker.page());
    worker.open(WorkerPage.url(stack.baseUrl(), "demo-hit-02", workerId, "POINTER_ORIGINAL", ""));
    String annotationId = worker.annotationId();
    List<String> shown = worker.imageIds();
    worker.moveAlong(1, ZIGZAG);
    worker.clickAt(4, 0.3, 0.3);
    worker.moveAlong(5, DIAGONAL);
    JsonNode beforeCut = worker.browserRecords();

    FlakyIngest.Connection cut = ingest.last();
    ingest.down.set(true);
    cut.dead().set(true);
    worker.page().context().setOffline(true);
    long cutEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (int i = 0; System.nanoTime() < cutEnds; i++) {
      int image = 6 + i % 12;
      worker.moveAlong(image, i % 2 == 0 ? ZIGZAG : DIAGONAL);
      if (i % 3 == 0) {
        worker.clickAt(image, 0.6, 0.4);
      }
      if (i == 3) {
        cut.close("network lost");
      }
    }
    worker.moveAway();
    JsonNode duringCut = worker.browserRecords();
    assertThat(ingest.lostFrames.get()).as("frames lost in flight").isPositive();
    assertThat(ingest.failedConnects.get()).as("reconnects while the network is down").isGreaterThanOrEqualTo(2);
    int hoversBefore = 0;
    int hoversAfter = 0;
    for (int i = 6; i < 18; i++) {
      hoversBefore += beforeCut.get(i).get("hoveredCount").asInt();
      hoversAfter += duringCut.get(i).get("hoveredCount").asInt();
    }
    assertThat(hoversAfter).as("the worker went on during the cut").isGreaterThan(hoversBefore + 12);

    worker.page().context().setOffline(false);
    ingest.down.set(false);
    worker.page().waitForFunction("() => window.byproduct.client.status().connection === 'open'", null,
        new Page.WaitForFunctionOptions().setTimeout(30_000));
    worker.moveAlong(20, ZIGZAG);
    worker.clickAt(21, 0.5, 0.5);
    worker.moveAway();
    worker.submitAndAwaitPage(2, PAGES);

    assertStoredEqualsBrowser(storedPage(annotationId, 1), shown, List.of(worker.submittedRecords(1)));
    // the page's fetches while offline fail, as they should; nothing else may
    assertThat(consoleErrors).filteredOn(e -> !e.contains("net::ERR_INTERNET_DISCONNECTED")).isEmpty();
  }

  // --- what the worker sees

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POINTER_ORIGINAL", "NO_POINTER_ORIGINAL", "POINTER_NO_ORIGINAL", "NO_POINTER_NO_ORIGINAL"})
  void version_screenshot_showsDotAndBlurAsTheVersionSays(String version) throws IOException {
    worker.page().setViewportSize(1280, 1400); // three rows in view: nothing scrolls under the pointer
    worker.open(WorkerPage.url(stack.baseUrl(), "demo-hit-02", newWorkerId(), version, ""));
    boolean pointer = version.startsWith("POINTER_");
    boolean blur = version.endsWith("_NO_ORIGINAL");
    worker.clickAt(1, 0.3, 0.6);
    worker.clickAt(5, 0.7, 0.3);
    worker.moveAlong(3, new double[][] {{0.2, 0.2}, {0.55, 0.45}});
    Page page = worker.page();
    page.waitForTimeout(300);
    assertThat((Number) page.evaluate("() => window.scrollY")).isEqualTo(0);

    assertThat(page.locator(".bold").first().textContent()).isEqualTo("Which of these images contain at least one object of type");
    assertThat(page.locator(".term").textContent()).isEqualTo("Red disc, Circle");
    assertThat(page.locator(".grid").evaluate("g => getComputedStyle(g).gridTemplateColumns")).isEqualTo("340px 340px 340px");
    assertThat(worker.cell(1).evaluate("c => getComputedStyle(c).borderTopColor")).isEqualTo("rgb(0, 176, 255)");
    assertThat(worker.cell(0).evaluate("c => getComputedStyle(c).borderTopColor")).isEqualTo("rgb(238, 238, 238)");
    assertThat(worker.cell(1).evaluate("c => getComputedStyle(c).borderTopWidth")).isEqualTo("4px");
    String filterOfPlain = (String) worker.image(0).evaluate("i => getComputedStyle(i).filter");
    assertThat(filterOfPlain).isEqualTo(blur ? "blur(8px)" : "none");
    assertThat(worker.image(1).evaluate("i => getComputedStyle(i).filter")).as("selected: never blurred").isEqualTo("none");
    assertThat(worker.image(3).evaluate("i => getComputedStyle(i).filter")).as("hovered: never blurred").isEqualTo("none");
    assertThat(worker.cell(1).locator(".dot").isVisible()).isEqualTo(pointer);
    assertThat(worker.cell(3).locator(".dot").isVisible()).isEqualTo(pointer);
    if (pointer) {
      String left = (String) worker.cell(1).locator(".dot").evaluate("d => d.style.left");
      String top = (String) worker.cell(1).locator(".dot").evaluate("d => d.style.top");
      assertThat(Double.parseDouble(left.replace("%", ""))).as("dot pinned where clicked").isCloseTo(30, within(1.0));
      assertThat(Double.parseDouble(top.replace("%", ""))).isCloseTo(60, within(1.0));
      assertThat(worker.cell(1).locator(".dot").evaluate("d => getComputedStyle(d).width + ' ' + getComputedStyle(d).backgroundColor"))
          .isEqualTo("10px rgb(255, 0, 0)");
    }
    assertThat(worker.cell(1).getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(worker.cell(0).getAttribute("aria-label")).isEqualTo("Image 1 of 48");

    Path file = Files.createDirectories(RepositoryFiles.screenshots()).resolve("workers-page-" + version + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file));
    assertThat(Files.size(file)).isGreaterThan(20_000);
  }

  @Test
  void brokenImage_isDroppedFromThePage() {
    AtomicInteger broken = new AtomicInteger();
    worker.page().route("**/images/demo/**", route -> {
      if (broken.get() == 0 && route.request().url().endsWith(".svg")) {
        broken.incrementAndGet();
        route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(404).setBody("gone"));
      } else {
        route.resume();
      }
    });
    worker.page().navigate(WorkerPage.url(stack.baseUrl(), "demo-hit-01", newWorkerId(), "POINTER_ORIGINAL", ""));
    worker.page().waitForFunction("() => document.querySelectorAll('.grid button.cell').length === 47", null,
        new Page.WaitForFunctionOptions().setTimeout(30_000));
    worker.awaitGrid();
    assertThat(broken.get()).isEqualTo(1);
  }

  @Test
  void errorScreens_missingWorkerIdAndUnknownHit() {
    worker.page().navigate(stack.baseUrl() + "/?hitDatasetName=demo&imageNetHitId=demo-hit-01&version=POINTER_ORIGINAL");
    worker.page().waitForSelector(".error-screen");
    assertThat(worker.page().locator(".error-screen h1").textContent()).isEqualTo("Error");
    assertThat(worker.page().locator(".error-screen h2").textContent()).contains("workerId");
    worker.page().navigate(WorkerPage.url(stack.baseUrl(), "no-such-hit", newWorkerId(), "POINTER_ORIGINAL", ""));
    worker.page().waitForSelector(".error-screen");
    assertThat(worker.page().locator(".error-screen h2").textContent()).contains("no-such-hit").contains("404");
  }

  @Test
  void adminView_showsLiveCountersAndReplaysATrajectory() throws IOException {
    Page page = worker.page();
    worker.open(stack.baseUrl() + "/?page=admin&hitDatasetName=demo&imageNetHitId=demo-hit-01&version=POINTER_NO_ORIGINAL");
    worker.moveAlong(0, ZIGZAG);
    worker.clickAt(0, 0.5, 0.5);
    worker.moveAway();
    page.waitForTimeout(200);
    String hovered = worker.cell(0).locator("xpath=..").locator("dd[data-field=Hovered]").textContent();
    assertThat(Integer.parseInt(hovered)).isPositive();
    assertThat(worker.cell(0).locator("xpath=..").locator("dd[data-field=Selected]").textContent()).isEqualTo("yes (1×)");
    assertThat(worker.cell(0).locator("xpath=..").locator("dd[data-field='Estimate time']").textContent()).matches("[1-9][0-9]* ms");
    worker.cell(0).locator("xpath=..").locator("button.replay").click();
    assertThat(worker.cell(0).locator(".replay-dot").isVisible()).isTrue();
    page.evaluate("() => window.scrollTo(0, 0)");
    page.screenshot(new Page.ScreenshotOptions().setPath(Files.createDirectories(RepositoryFiles.screenshots())
        .resolve("workers-page-admin.png")));
  }

  // --- cost

  @Test
  void captureCost_perPointerEvent_isMeasuredInTheBrowser() throws IOException {
    worker.open(WorkerPage.url(stack.baseUrl(), "demo-hit-02", newWorkerId(), "POINTER_NO_ORIGINAL", ""));
    // real input: long pointer paths over a row of images (Chromium's own pointermove events)
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < 3; i++) {
        worker.moveAlong(i, new double[][] {{0.02, 0.02}, {0.98, 0.5}, {0.02, 0.98}, {0.5, 0.5}});
      }
    }
    worker.page().waitForTimeout(700);
    Map<?, ?> real = (Map<?, ?>) worker.page().evaluate("() => ({ moves: window.byproduct.moves, samples: window.byproduct.samples,"
        + " moveMs: window.byproduct.moveMs, maxMoveMs: window.byproduct.maxMoveMs,"
        + " tickMs: window.byproduct.client.cost.tickMs, ticks: window.byproduct.client.cost.ticks })");
    Map<?, ?> throttled = synthetic();
    // every move a sample: the whole path (sampling, fixed point, sequence number, outbox, fold) each time
    worker.open(WorkerPage.url(stack.baseUrl(), "demo-hit-02", newWorkerId(), "POINTER_NO_ORIGINAL", "&sampleMs=0"));
    Map<?, ?> sampled = synthetic();
    double moves = ((Number) real.get("moves")).doubleValue();
    double samples = ((Number) real.get("samples")).doubleValue();
    double perMove = ((Number) real.get("moveMs")).doubleValue() / moves;
    double tickPerSample = ((Number) real.get("tickMs")).doubleValue() / Math.max(1, samples);
    double perThrottled = ((Number) throttled.get("ms")).doubleValue() / ((Number) throttled.get("n")).doubleValue();
    double perSampled = ((Number) sampled.get("ms")).doubleValue() / ((Number) sampled.get("n")).doubleValue();
    double sampledFlush = ((Number) sampled.get("flushMs")).doubleValue() / ((Number) sampled.get("n")).doubleValue();
    String report = String.format(Locale.ROOT,
        "capture cost per pointer event (headless Chromium %s, 2-core build machine)%n"
            + "real pointermove events (Playwright mouse paths): %d events, %d samples; handler mean %.4f ms (max %.3f ms,"
            + " performance.now() is coarsened to 0.1 ms here); save-and-send ticks %.4f ms per sample%n"
            + "synthetic, throttled (1000/60 ms): %d events dispatched in a loop, %d samples, %.4f ms per event including dispatch%n"
            + "synthetic, every event a sample: %d events, %d samples, %.4f ms per event including dispatch;"
            + " frame building and sending %.4f ms per event%n",
        chromium.browser().version(), (long) moves, (long) samples, perMove, ((Number) real.get("maxMoveMs")).doubleValue(),
        tickPerSample, ((Number) throttled.get("n")).longValue(), ((Number) throttled.get("samples")).longValue(), perThrottled,
        ((Number) sampled.get("n")).longValue(), ((Number) sampled.get("samples")).longValue(), perSampled, sampledFlush);
    Files.writeString(Path.of("target", "capture-cost.txt"), report);
    System.out.print(report);
    assertThat(moves).isGreaterThan(300);
    assertThat(samples).isPositive();
    assertThat(((Number) sampled.get("samples")).longValue()).isEqualTo(((Number) sampled.get("n")).longValue());
    assertThat(perMove).as("mean main-thread ms per pointermove").isLessThan(0.5);
    assertThat(perSampled + sampledFlush).as("ms per recorded sample, sending included").isLessThan(0.2);
  }

  /** 20,000 pointermove events dispatched at one image in a loop, timed around the loop, then one save-and-send. */
  private Map<?, ?> synthetic() {
    return (Map<?, ?>) worker.page().evaluate("() => { const img = document.querySelector('.grid img');"
        + " const before = window.byproduct.samples; const n = 20000; const t0 = performance.now();"
        + " for (let k = 0; k < n; k++) img.dispatchEvent(new PointerEvent('pointermove', { clientX: 10 + (k % 200), clientY: 10 + (k % 150), bubbles: true }));"
        + " const ms = performance.now() - t0; const f0 = performance.now(); window.byproduct.client.tick();"
        + " const flushMs = performance.now() - f0;"
        + " return { n, ms, flushMs, samples: window.byproduct.samples - before }; }");
  }

  // --- helpers

  /** The code as another client of the worker gets it: prove the assignment, then ask with the capability. */
  private static String surveyCodeFromApi(String workerId, String hit) throws Exception {
    String base = stack.baseUrl() + "/api/imagenet/demo/hits/" + hit;
    HttpResponse<String> assignment = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/assignment"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"workerId\":\"" + workerId + "\",\"assignmentId\":\"ASSIGN-" + workerId
            + "\",\"hitId\":\"MTURK-" + hit + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(assignment.statusCode()).isEqualTo(200);
    JsonNode bound = WorkerPage.JSON.readTree(assignment.body());
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/survey-code?annotationID="
        + bound.get("annotationId").asString() + "&workerID=" + workerId))
        .header("X-Byproduct-Capability", bound.get("capability").asString()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return WorkerPage.JSON.readTree(response.body()).get("surveyCode").asString();
  }

  private static JsonNode storedPage(String annotationId, int pageNo) throws InterruptedException {
    return await(Duration.ofSeconds(60), () -> pages.read(annotationId, pageNo));
  }

  private static <T> T await(Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not seen within " + timeout);
  }

  private static List<String> actions(JsonNode image) {
    List<String> out = new ArrayList<>();
    image.get("hoveredRecord").forEach(h -> out.add(h.get("action").asString()));
    return out;
  }

  /**
   * The stored page holds, image by image in page order, exactly what the browser recorded: the
   * parts (one per page load) concatenated — nothing lost, nothing twice.
   */
  private static void assertStoredEqualsBrowser(JsonNode stored, List<String> shown, List<JsonNode> parts) {
    JsonNode images = stored.get("annotations");
    assertThat(images.size()).isEqualTo(shown.size());
    JsonNode last = parts.get(parts.size() - 1);
    for (int i = 0; i < shown.size(); i++) {
      JsonNode image = images.get(i);
      String what = "image " + i + " (" + shown.get(i) + ")";
      assertThat(image.get("imageID").asString()).as(what).isEqualTo(shown.get(i));
      int hovered = 0;
      int selectedCount = 0;
      long estimate = 0;
      List<String> hoverRecord = new ArrayList<>();
      List<String> tracking = new ArrayList<>();
      List<String> selections = new ArrayList<>();
      for (JsonNode part : parts) {
        JsonNode r = part.get(i);
        hovered += r.get("hoveredCount").asInt();
        selectedCount += r.get("selectedCount").asInt();
        estimate += r.get("estimateTime").asLong();
        r.get("hoveredRecord").forEach(h -> hoverRecord.add(h.get("action").asString() + "@" + h.get("time").asLong()));
        r.get("mouseTracking").forEach(p -> tracking.add(point(p)));
        r.get("selectedRecord").forEach(p -> selections.add(point(p)));
      }
      List<String> storedHover = new ArrayList<>();
      image.get("hoveredRecord").forEach(h -> storedHover.add(h.get("action").asString() + "@" + h.get("time").asLong()));
      List<String> storedTracking = new ArrayList<>();
      image.get("mouseTracking").forEach(p -> storedTracking.add(point(p)));
      List<String> storedSelections = new ArrayList<>();
      image.get("selectedRecord").forEach(p -> storedSelections.add(point(p)));
      assertThat(storedHover).as(what + " hoveredRecord").isEqualTo(hoverRecord);
      assertThat(image.get("hoveredCount").asInt()).as(what + " hoveredCount").isEqualTo(hovered);
      assertThat(storedTracking).as(what + " mouseTracking").isEqualTo(tracking);
      assertThat(storedSelections).as(what + " selectedRecord").isEqualTo(selections);
      assertThat(image.get("selectedCount").asInt()).as(what + " selectedCount").isEqualTo(selectedCount);
      assertThat(image.get("selected").asBoolean()).as(what + " selected").isEqualTo(last.get(i).get("selected").asBoolean());
      assertThat(image.get("estimateTime").asLong()).as(what + " estimateTime").isEqualTo(estimate);
      JsonNode layout = last.get(i);
      assertThat(image.get("imageWidth").asInt()).as(what + " imageWidth").isEqualTo(layout.get("imageWidth").asInt());
      assertThat(image.get("imageHeight").asInt()).as(what + " imageHeight").isEqualTo(layout.get("imageHeight").asInt());
      assertThat(image.get("originalImageWidth").asInt()).isEqualTo(layout.get("originalImageWidth").asInt());
      assertThat(image.get("originalImageHeight").asInt()).isEqualTo(layout.get("originalImageHeight").asInt());
      assertThat(image.get("imagePosition").get("x").asInt()).isEqualTo(layout.get("imagePosition").get("x").asInt());
      assertThat(image.get("imagePosition").get("y").asInt()).isEqualTo(layout.get("imagePosition").get("y").asInt());
    }
  }

  private static String point(JsonNode p) {
    return String.format(Locale.ROOT, "%.4f,%.4f@%d", p.get("x").asDouble(), p.get("y").asDouble(), p.get("time").asLong());
  }
}
