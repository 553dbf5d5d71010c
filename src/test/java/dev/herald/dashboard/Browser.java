package dev.herald.dashboard;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * Headless Debian Chromium driven by Selenium through the Debian chromedriver (STACK.md): no
 * Selenium Manager, no downloads. Screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  static boolean available() {
    return Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM);
  }

  final WebDriver driver;
  private final String base;
  private final Path profile;

  Browser(String base) {
    this.base = base;
    try {
      this.profile = Files.createTempDirectory("herald-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1366,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1366, 900));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  void open(String path) {
    driver.get(base + path);
  }

  WebElement el(By by) {
    try {
      return await()
          .atMost(Duration.ofSeconds(15))
          .ignoreExceptions()
          .until(() -> driver.findElement(by), e -> e.isDisplayed());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      dump("failure");
      throw new AssertionError("Not shown on " + driver.getCurrentUrl() + ": " + by, e);
    }
  }

  /** The page as it is (screenshot and HTML), for a failing step. */
  void dump(String name) {
    screenshot(name);
    try {
      Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebElement id(String id) {
    return el(By.id(id));
  }

  void type(String id, String text) {
    WebElement e = id(id);
    e.clear();
    e.sendKeys(text);
  }

  /**
   * Clicks the element with this id; if a live fragment (htmx polling) replaced it between finding
   * and clicking, finds the new one and clicks that.
   */
  void click(String id) {
    click(By.id(id));
  }

  /** As {@link #click(String)}, for any locator. */
  void click(By by) {
    for (int attempt = 1; ; attempt++) {
      try {
        el(by).click();
        return;
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  void select(By by, String visibleTextPart) {
    Select s = new Select(el(by));
    for (WebElement o : s.getOptions()) {
      if (o.getText().contains(visibleTextPart)) {
        s.selectByValue(o.getAttribute("value"));
        return;
      }
    }
    throw new AssertionError("No option containing '" + visibleTextPart + "' in " + by);
  }

  String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  String text(By by) {
    return el(by).getText();
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Marks the page; {@link #sameDocument()} is false after any reload or navigation. */
  void markDocument() {
    js("window.__heraldMark = 'kept';");
  }

  boolean sameDocument() {
    return "kept".equals(js("return window.__heraldMark || null;"));
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      // the whole page, not just the viewport: grow the window to the page for the shot
      long height =
          ((Number) js("return Math.min(4000, document.documentElement.scrollHeight);"))
              .longValue();
      driver.manage().window().setSize(new Dimension(1366, (int) Math.max(900, height)));
      Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      driver.manage().window().setSize(new Dimension(1366, 900));
      Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp profile is harmless
    }
  }
}
