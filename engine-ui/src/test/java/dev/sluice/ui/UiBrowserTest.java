package dev.sluice.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.streaming.StreamingQuery;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; .ci/run installs
 * them), driven by Selenium: what a user sees, including that the charts update without a reload.
 */
class UiBrowserTest extends UiTestSupport {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void browserInstalled() {
        assertThat(CHROMIUM).as("install Debian's chromium and chromium-driver (apt-get install -y chromium"
                + " chromium-driver), as .ci/run does").exists();
        assertThat(CHROMEDRIVER).as("install Debian's chromium-driver").exists();
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // root in CI containers needs --no-sandbox; a fixed window makes the screenshot reproducible
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1700");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .withSilent(true).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theListShowsTheQueryAndItsChartsGrowWhileItRuns() throws Exception {
        session();
        StreamingQuery q = rateQuery("rates");
        browser.get(ui().toString());
        wait.until(d -> d.findElement(By.id("queries")).getText().contains("rates"));
        WebElement row = browser.findElement(By.cssSelector("#queries tbody tr[data-id='" + q.id() + "']"));
        assertThat(row.getText()).contains("rates").contains(q.id().toString()).contains("ACTIVE");

        row.findElement(By.linkText("rates")).click();
        wait.until(d -> points(d, "chart-rates") >= 2);
        int before = points(browser, "chart-rates");
        String url = browser.getCurrentUrl();
        // new batches arrive every 200 ms: the chart grows without the page being reloaded
        wait.until(d -> points(d, "chart-rates") > before);
        assertThat(browser.getCurrentUrl()).isEqualTo(url);
        for (String chart : new String[] {"chart-duration", "chart-input-rows", "chart-state-rows",
                "chart-state-memory", "chart-watermark-lag", "chart-late-rows", "chart-source-lag"}) {
            assertThat(points(browser, chart)).as(chart).isPositive();
        }
        assertThat(browser.findElements(By.cssSelector("#chart-duration svg rect"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#chart-rates svg polyline"))).hasSize(2);
        assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("rates — ACTIVE");
        assertThat(browser.findElement(By.id("plan")).getText()).contains("== Physical Plan ==");
        wait.until(d -> d.findElements(By.cssSelector("#batches button")).size() >= 3);
        // the newest batch is shown; a picked older one stays shown while new batches arrive
        String older = clickBatch(-2);
        wait.until(d -> d.findElement(By.id("progress")).getText().contains("\"batchId\": " + older + ","));
        Thread.sleep(1500); // several batches and refreshes later
        assertThat(browser.findElement(By.id("progress")).getText()).contains("\"batchId\": " + older + ",");
        // picking the newest follows the newest again
        String newest = clickBatch(-1);
        wait.until(d -> !d.findElement(By.id("progress")).getText().contains("\"batchId\": " + older + ","));
        assertThat(Long.parseLong(newest)).isGreaterThan(Long.parseLong(older));
        // let the charts fill a little for the screenshot of the README
        wait.until(d -> points(d, "chart-rates") >= 12);
        screenshot("ui-query.png");
    }

    @Test
    void aFailedQueryShowsItsErrorAndNoSecret() throws Exception {
        session();
        StreamingQuery failing = failingJdbcQuery("failing");
        StreamingQuery running = rateQuery("running");
        browser.get(ui().toString());
        wait.until(d -> d.findElement(By.id("queries")).getText().contains("FAILED"));
        WebElement row = browser.findElement(By.cssSelector("#queries tbody tr[data-id='" + failing.id() + "']"));
        assertThat(row.getText()).contains("[FAILED_JDBC.CONNECT] Could not connect to jdbc:mariadb://127.0.0.1:1/db");
        wait.until(d -> d.findElement(By.cssSelector("#queries tbody tr[data-id='" + running.id() + "']")).getText()
                .contains("ACTIVE"));
        screenshot("ui-list.png");
        assertThat(browser.getPageSource()).doesNotContain(URL_SECRET).doesNotContain(PASSWORD);

        row.findElement(By.linkText("failing")).click();
        wait.until(d -> d.findElement(By.id("error")).isDisplayed());
        assertThat(browser.findElement(By.id("error")).getText()).startsWith("[FAILED_JDBC.CONNECT] Could not connect");
        assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("failing — FAILED");
        assertThat(browser.getPageSource()).doesNotContain(URL_SECRET).doesNotContain(PASSWORD);
    }

    /** Clicks the batch button at {@code fromEnd} (-1: newest), retrying when a refresh replaced it; its batch id. */
    private String clickBatch(int fromEnd) {
        return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            var buttons = d.findElements(By.cssSelector("#batches button"));
            WebElement button = buttons.get(buttons.size() + fromEnd);
            String id = button.getText().substring("batch ".length());
            button.click();
            return id;
        });
    }

    private static int points(WebDriver d, String chart) {
        var found = d.findElements(By.cssSelector("#" + chart + " svg"));
        return found.isEmpty() ? 0 : Integer.parseInt(found.get(0).getAttribute("data-points"));
    }

    /** Saves a screenshot under target/ (docs/img/ holds a copy made from it). */
    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
