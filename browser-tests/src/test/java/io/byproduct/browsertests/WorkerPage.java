package io.byproduct.browsertests;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The worker's page in a Playwright page: opening a HIT, pointer paths over images, clicks, Submit. */
final class WorkerPage {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final Page page;

  WorkerPage(Page page) {
    this.page = page;
  }

  Page page() {
    return page;
  }

  static String url(String baseUrl, String hit, String workerId, String version, String extra) {
    return baseUrl + "/?hitDatasetName=demo&imageNetHitId=" + hit + "&workerId=" + enc(workerId)
        + "&assignmentId=" + enc("ASSIGN-" + workerId) + "&hitId=" + enc("MTURK-" + hit) + "&version=" + version + extra;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Opens the URL and waits until the page's images are all shown and loaded. */
  WorkerPage open(String url) {
    page.navigate(url);
    return awaitGrid();
  }

  WorkerPage awaitGrid() {
    page.waitForSelector(".grid button.cell", new Page.WaitForSelectorOptions().setTimeout(30_000));
    page.waitForFunction("() => { const imgs = [...document.querySelectorAll('.grid img')];"
        + " return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0); }", null,
        new Page.WaitForFunctionOptions().setTimeout(30_000));
    return this;
  }

  Locator cell(int index) {
    return page.locator(".grid button.cell[data-index=\"" + index + "\"]");
  }

  Locator image(int index) {
    return cell(index).locator("img");
  }

  /** The image's box in the viewport, scrolled into view first. */
  BoundingBox box(int index) {
    image(index).scrollIntoViewIfNeeded();
    return image(index).boundingBox();
  }

  /** Moves the mouse onto image {@code index} and along the path (fractions of the image), 8 steps between points. */
  void moveAlong(int index, double[][] path) {
    BoundingBox box = box(index);
    for (double[] p : path) {
      page.mouse().move(box.x + p[0] * box.width, box.y + p[1] * box.height, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(8));
      page.waitForTimeout(20);
    }
  }

  /** Moves the mouse off every image (into the heading). */
  void moveAway() {
    page.locator(".instruction .term").scrollIntoViewIfNeeded();
    BoundingBox box = page.locator(".instruction .term").boundingBox();
    page.mouse().move(box.x + 5, box.y + box.height / 2, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
  }

  /** Clicks image {@code index} at fractions (fx, fy) of its rendered size. */
  void clickAt(int index, double fx, double fy) {
    BoundingBox box = box(index);
    page.mouse().move(box.x + fx * box.width, box.y + fy * box.height, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(6));
    page.mouse().click(box.x + fx * box.width, box.y + fy * box.height);
    page.waitForTimeout(30);
  }

  boolean selected(int index) {
    return "true".equals(cell(index).getAttribute("aria-pressed"));
  }

  int pageNo() {
    return ((Number) page.evaluate("() => window.byproduct.page")).intValue();
  }

  String annotationId() {
    return (String) page.evaluate("() => window.byproduct.annotationId");
  }

  /** The open page's records as the browser folded them from its own events (this page load only). */
  JsonNode browserRecords() {
    return JSON.readTree((String) page.evaluate("() => JSON.stringify(window.byproduct.records())"));
  }

  /** The records of page {@code no} as the browser folded them when it was submitted (this page load). */
  JsonNode submittedRecords(int no) {
    return JSON.readTree((String) page.evaluate("no => JSON.stringify(window.byproduct.submittedRecords(no))", no));
  }

  List<String> imageIds() {
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) page.evaluate("() => [...document.querySelectorAll('.grid img')].map(i => i.dataset.imageId)");
    return ids;
  }

  String progressText() {
    return page.locator(".progress").textContent();
  }

  /** Clicks Submit and waits for the next page ("k page(s) / N pages") to be shown. */
  void submitAndAwaitPage(int next, int pages) {
    submit();
    page.waitForFunction("t => document.querySelector('.progress')?.textContent === t && !document.querySelector('.overlay')",
        next + " page(s) / " + pages + " pages", new Page.WaitForFunctionOptions().setTimeout(60_000));
    awaitGrid();
  }

  void submit() {
    Locator submit = page.locator("button.submit");
    submit.scrollIntoViewIfNeeded();
    BoundingBox box = submit.boundingBox();
    page.mouse().move(box.x + box.width / 2, box.y + box.height / 2, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
    page.mouse().click(box.x + box.width / 2, box.y + box.height / 2);
  }

  /** Waits for the thank-you screen and returns the survey code. */
  String awaitSurveyCode() {
    page.waitForSelector(".survey-code", new Page.WaitForSelectorOptions().setTimeout(60_000).setState(WaitForSelectorState.VISIBLE));
    return page.locator(".survey-code").textContent();
  }
}
