package org.jobstream.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobstream.infra.e2e.Stack.call;
import static org.jobstream.infra.e2e.Stack.token;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The monitor in a real (headless) Chromium, against the stack: a user signs in with the link that
 * {@code ./jobstream up} prints, filters on a job group, and watches jobs submitted through the API
 * appear, change status and get killed, without reloading the page; a job's page shows its history
 * and its state as of an event. Screenshots of the main views go to {@code jobstream.screenshots}.
 */
class MonitorIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Events reach the page in well under a second; the margin is for a loaded CI machine. */
    private static final Duration LIVE = Duration.ofSeconds(20);

    /** Held so that its level stays: Selenium warns on every start that it has no CDP classes for
     *  this Chromium, which WebDriver does not need. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private static ChromeDriver browser;
    /** Waits that look again when a row was drawn anew (the monitor redraws a row that changed). */
    private FluentWait<WebDriver> wait;

    private final String user = "monitor-" + UUID.randomUUID().toString().substring(0, 8);
    private final String group = "mon-" + UUID.randomUUID().toString().substring(0, 6);
    private final String token = token(user, "NormalUser");

    @BeforeAll
    static void startBrowser() {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        assertThat(CHROMIUM).as("Chromium (./jobstream up --browser installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (./jobstream up --browser installs it)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1600,1000", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aUserWatchesTheirJobsLiveAndKillsOneFromTheTable() throws IOException {
        try {
            watchAndKill();
        } catch (AssertionError | RuntimeException e) {
            // What the browser showed, for the report: a screenshot and the page's text.
            screenshot("failure");
            Files.writeString(screenshots().resolve("failure.html"), browser.getPageSource());
            throw e;
        }
    }

    private void watchAndKill() throws IOException {
        browser.get(Stack.BASE_URL + "/#token=" + token);
        wait = new WebDriverWait(browser, LIVE)
                .ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=signed-in-as]"), user + " · lhcb_user"));
        assertThat(browser.getCurrentUrl()).as("the token leaves the address").doesNotContain("token=");
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=stream-state]"), "data-state", "live"));
        // Set in the page: still there at the end means the page was never reloaded.
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        addFilter("JobGroup", group);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=filter-chip]"), "JobGroup = " + group));

        List<Long> jobs = submit(List.of("LCG.CERN.cern", "LCG.CERN.cern", "LCG.RAL.uk", "LCG.RAL.uk", "LCG.PIC.es", "LCG.CNAF.it"));
        for (long job : jobs) {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=row-" + job + "]")));
        }
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=summary-total]"), "(" + jobs.size() + " jobs)"));

        long watched = jobs.get(0);
        setStatus(watched, "Checking", "Waiting", "Matched", "Running");
        setStatus(jobs.get(2), "Checking", "Waiting");
        setStatus(jobs.get(3), "Checking", "Waiting", "Matched", "Running", "Done");
        setStatus(jobs.get(4), "Checking", "Failed");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=status-" + watched + "]"), "Running"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=status-" + jobs.get(3) + "]"), "Done"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=summary-Running]"), "Running: 1"));
        heartbeat(watched);
        wait.until(d -> !d.findElement(By.cssSelector("[data-testid=HeartBeatTime-" + watched + "]")).getText().isEmpty());
        screenshot("monitor");

        long victim = jobs.get(1);
        click(By.cssSelector("[data-testid=select-" + victim + "]"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=selection-count]"), "1 selected"));
        click(By.cssSelector("[data-testid=action-kill]"));
        click(By.cssSelector("[data-testid=action-confirm]"));
        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=action-result-" + victim + "]")));
        assertThat(answer.getText()).contains("done").contains("Killed");
        click(By.cssSelector("[data-testid=action-results-close]"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=status-" + victim + "]"), "Killed"));
        assertThat(call("POST", "/api/jobs/search", token,
                Map.of("search", List.of(Map.of("parameter", "JobID", "operator", "eq", "value", victim))))
                .json().get(0).get("Status").asText()).isEqualTo("Killed");

        // Rescheduled, the killed job is back to Received; the failed one too.
        click(By.cssSelector("[data-testid=select-" + victim + "]"));
        click(By.cssSelector("[data-testid=select-" + jobs.get(4) + "]"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=selection-count]"), "2 selected"));
        click(By.cssSelector("[data-testid=action-reschedule]"));
        click(By.cssSelector("[data-testid=action-confirm]"));
        for (long job : List.of(victim, jobs.get(4))) {
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=action-result-" + job + "]"))).getText()).contains("done");
        }
        click(By.cssSelector("[data-testid=action-results-close]"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=status-" + victim + "]"), "Received"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=status-" + jobs.get(4) + "]"), "Received"));

        // Sorted by the server: by status, Done first.
        click(By.cssSelector("[data-testid=sort-Status]"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=jobs-table] tbody tr:first-child [data-testid^=status-]"), "Done"));

        click(By.cssSelector("[data-testid=job-link-" + watched + "]"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=job-status]"), "Running"));
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("[data-testid^=history-]"), 4));
        click(By.cssSelector("[data-testid=history-0]"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=as-of-state-Status]"), "Received"));
        click(By.cssSelector("[data-testid=history-2]"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=as-of-state-Status]"), "Waiting"));
        screenshot("job");

        // The page follows the job: a new event lengthens the timeline and changes the status.
        setStatus(watched, "Completing");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=job-status]"), "Completing"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=history-6]")));

        // Back to the table as it was: the view (filter, sort, page) is in the address.
        click(By.cssSelector("[data-testid=back-to-jobs]"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=filter-chip]"), "JobGroup = " + group));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=jobs-table] tbody tr:first-child [data-testid^=status-]"), "Completing"));

        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
    }

    /** Clicks the element, found again if the monitor redrew it in between. */
    private void click(By element) {
        wait.until(d -> {
            d.findElement(element).click();
            return true;
        });
    }

    private void addFilter(String attribute, String value) {
        WebElement attributeInput = browser.findElement(By.cssSelector("[data-testid=filter-attribute]"));
        attributeInput.sendKeys(Keys.chord(Keys.CONTROL, "a"), attribute, Keys.ESCAPE);
        WebElement valueInput = browser.findElement(By.cssSelector("[data-testid=filter-value]"));
        valueInput.sendKeys(value, Keys.ESCAPE);
        click(By.cssSelector("[data-testid=filter-add]"));
    }

    private List<Long> submit(List<String> sites) {
        List<String> jdls = sites.stream()
                .map(site -> "Executable = \"analysis.sh\"; JobName = \"dimuon-" + site.split("\\.")[1].toLowerCase()
                        + "\"; Site = \"" + site + "\"; JobGroup = \"" + group + "\";")
                .toList();
        Stack.Answer answer = call("POST", "/api/jobs/jdl", token, jdls);
        assertThat(answer.status()).isEqualTo(201);
        List<Long> ids = new ArrayList<>();
        answer.json().forEach(job -> ids.add(job.get("JobID").asLong()));
        return ids;
    }

    private void setStatus(long job, String... statuses) {
        for (String status : statuses) {
            Stack.Answer answer = call("PATCH", "/api/jobs/status", token,
                    Map.of(String.valueOf(job), Map.of(Instant.now().toString(), Map.of("Status", status, "MinorStatus", "set by MonitorIT"))));
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.json().path("success").has(String.valueOf(job))).as(answer.text()).isTrue();
        }
    }

    private void heartbeat(long job) {
        String pilot = token("pilot-" + user, "lhcb", "lhcb_pilot", Duration.ofHours(1), "GenericPilot");
        Stack.Answer answer = call("PATCH", "/api/jobs/heartbeat", pilot,
                Map.of(String.valueOf(job), Map.of("LoadAverage", 1.5, "MemoryUsed", 1024)));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    private static Path screenshots() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("jobstream.screenshots", "target/monitor-screenshots")));
    }

    private static void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.move(shot.toPath(), screenshots().resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
