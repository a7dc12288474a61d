package org.mediationledger.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven through Debian's chromedriver, both by path so nothing is downloaded,
 * with what a console test does over and over: sign in, fill a form, wait, take a screenshot.
 * Missing browser: the test fails with the command that installs it, it never skips.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final List<String> HEADLESS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-default-apps", "--disable-extensions", "--disable-sync", "--no-first-run",
            "--no-default-browser-check", "--password-store=basic", "--window-size=1280,900");

    /** How long a page may take to show what is waited for: generous, since a busy machine is slow and a wait ends as soon as it holds. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    final ChromeDriver driver;
    private final String console;

    ConsoleBrowser(String console) throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + ": apt-get install -y chromium chromium-driver fonts-noto-cjk (bin/test does)")
                .isTrue();
        Files.createDirectories(SCREENSHOTS);
        this.console = console;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(HEADLESS);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
    }

    void open(String path) {
        driver.get(console + path);
    }

    /** Signs out whoever is signed in (a fresh session, Chinese), then signs {@code user} in. */
    void signIn(String user) {
        open("/signin");
        driver.manage().deleteAllCookies();
        open("/signin");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("signin")).click();
        waitFor(By.tagName("main"));
    }

    /** Waits for an element; when it never comes, the page as it was is kept beside the screenshots. */
    WebElement waitFor(By by) {
        try {
            return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                Files.writeString(SCREENSHOTS.resolve("failed-page.html"), driver.getPageSource());
                screenshot("failed-page");
            } catch (IOException | RuntimeException ignored) {
                // the timeout is what the test reports
            }
            throw new AssertionError("no " + by + " on " + driver.getCurrentUrl() + " (page kept in "
                    + SCREENSHOTS.resolve("failed-page.html") + ")", e);
        }
    }

    /** Waits until the element shows exactly {@code text} (after a click that loads another page). */
    void waitForText(By by, String text) {
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.textToBe(by, text));
    }

    void click(By by) {
        waitFor(by).click();
    }

    /**
     * Types into the form input the API calls {@code apiField} (its id is derived from that name), once the
     * page that has it is there: a click that opens a form may return before the form's page has loaded.
     */
    void type(String apiField, String text) {
        WebElement input = waitFor(By.id(htmlId(apiField)));
        input.clear();
        input.sendKeys(text);
    }

    /** A date input, set as the value a person picks (typing into it depends on the browser's locale). */
    void date(String apiField, String isoDate) {
        WebElement input = waitFor(By.id(htmlId(apiField)));
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", input, isoDate);
    }

    void choose(String apiField, String value) {
        new Select(waitFor(By.id(htmlId(apiField)))).selectByValue(value);
    }

    /** The error shown beside the input of {@code apiField}. */
    String errorBeside(String apiField) {
        return waitFor(By.id(htmlId(apiField) + "-error")).getText();
    }

    /**
     * Sends the form and waits for the page that answers it (the form page also shows the case's summary).
     * The old page is marked in its window object, which a new document does not have: asking an element
     * of the old page whether it is stale can instead fail while Chromium swaps documents ("Node with
     * given id does not belong to the document"), so errors while the page changes are asked again.
     */
    void submit() {
        driver.executeScript("window.mlFormSent = true;");
        driver.findElement(By.id("submit")).click();
        new WebDriverWait(driver, PATIENCE).ignoring(WebDriverException.class)
                .until(d -> Boolean.FALSE.equals(driver.executeScript("return window.mlFormSent === true;")));
    }

    /** The element's text, read again when the page was replaced between finding and reading it. */
    String text(By by) {
        waitFor(by);
        return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(by).getText());
    }

    void screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    static String htmlId(String apiField) {
        return "f-" + apiField.replaceAll("[^A-Za-z0-9]+", "-");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
