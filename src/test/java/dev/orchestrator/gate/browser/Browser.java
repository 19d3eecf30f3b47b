package dev.orchestrator.gate.browser;

import dev.orchestrator.gate.process.Folders;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.bidi.module.LogInspector;
import org.openqa.selenium.bidi.module.Network;
import org.openqa.selenium.bidi.module.Script;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A headless Debian Chromium driven by Selenium over WebDriver BiDi: a user with an open tab. It
 * reaches only the origins under test, records what the page does ({@link PageActivity}, the page
 * recorder's {@link PageEvent}s) and is never downloaded: both executables are given explicitly.
 */
public final class Browser implements AutoCloseable {

    /** Bound on every WebDriver command, so a hung browser fails the criterion instead of the run. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String RECORDER = "browser/page-recorder.js";
    /** The scripts the checks run in the page, read once. */
    private static final Map<String, String> SCRIPTS = new ConcurrentHashMap<>();
    /** Selenium looks for a CDP binding of this Chromium's version and warns when it has none; BiDi is what is used. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path folder;
    private final PageActivity activity = new PageActivity();
    private final List<AutoCloseable> inspectors = new ArrayList<>();

    private Browser(ChromeDriver driver, ChromeDriverService service, Path folder) {
        this.driver = driver;
        this.service = service;
        this.folder = folder;
    }

    /**
     * Starts Chromium through chromedriver, both at the given paths, with every host but {@code origins}
     * blocked. Its profile and its temporary files go into {@code folder} (one the run deletes at its
     * end, even when Chromium was killed and could not clean up after itself).
     */
    public static Browser launch(Path chromium, Path chromedriver, Origins origins, Path folder) {
        Path profile = folder.resolve("profile");
        Path tmp = folder.resolve("tmp");
        try {
            Files.createDirectories(profile);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().withTimeout(START_TIMEOUT).withSilent(true)
                // Chromium's own scoped folders (org.chromium.Chromium.*) follow TMPDIR
                .withEnvironment(Map.of("TMPDIR", tmp.toString())).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.enableBiDi();
        options.setPageLoadTimeout(COMMAND_TIMEOUT);
        options.setScriptTimeout(COMMAND_TIMEOUT);
        // flags from the machine notes: headless, offline, no background connections, a fresh profile
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--disable-default-apps", "--window-size=1280,800", "--user-data-dir=" + profile);
        options.addArguments(origins.blockingFlags());
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options, ClientConfig.defaultConfig().readTimeout(COMMAND_TIMEOUT.plusSeconds(10)));
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(folder);
            throw e;
        }
        Browser browser = new Browser(driver, service, folder);
        try {
            browser.listen();
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
        return browser;
    }

    private void listen() {
        Network network = new Network(driver);
        inspectors.add(network);
        // each event carries its request: whichever is handled first creates the record, the others complete it
        network.onBeforeRequestSent(e -> activity.event(e.getRequest().getRequestId(), e.getRequest().getMethod(), e.getRequest().getUrl(), e.getTimestamp(),
                e.getRequest().getDestination(), e.getRequest().getInitiatorType(), null, null));
        network.onResponseCompleted(e -> activity.event(e.getRequest().getRequestId(), e.getRequest().getMethod(), e.getRequest().getUrl(), e.getTimestamp(),
                e.getRequest().getDestination(), e.getRequest().getInitiatorType(), (int) e.getResponseData().getStatus(), null));
        network.onFetchError(e -> activity.event(e.getRequest().getRequestId(), e.getRequest().getMethod(), e.getRequest().getUrl(), e.getTimestamp(),
                e.getRequest().getDestination(), e.getRequest().getInitiatorType(), null, e.getErrorText() == null ? "failed" : e.getErrorText()));
        LogInspector logs = new LogInspector(driver);
        inspectors.add(logs);
        logs.onConsoleEntry(e -> activity.console("console", String.valueOf(e.getLevel()), e.getText(), e.getTimestamp()));
        logs.onJavaScriptException(e -> activity.console("uncaught", "error", e.getText(), e.getTimestamp()));
        Script script = new Script(driver);
        inspectors.add(script);
        script.addPreloadScript(resource(RECORDER));
    }

    public PageActivity activity() {
        return activity;
    }

    /** Navigates and returns when the document has loaded (bounded by {@link #COMMAND_TIMEOUT}). */
    public void open(String url) {
        driver.get(url);
    }

    /** The first element matching a CSS selector that is displayed, if any. */
    public Optional<WebElement> visible(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector)).stream().filter(WebElement::isDisplayed).findFirst();
    }

    public String text(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector)).stream().map(WebElement::getText).reduce("", (a, b) -> a + "\n" + b);
    }

    /** Runs the script in the resource {@code name} in the page with {@code args}; its result as {@code type}. */
    public <T> T script(String name, Class<T> type, Object... args) {
        String source = SCRIPTS.computeIfAbsent(name, Browser::resource);
        return type.cast(((JavascriptExecutor) driver).executeScript(source, args));
    }

    /** What the page recorder saw (the page's WebSockets, its HTTP calls with their answers). */
    public List<PageEvent> pageEvents() {
        Object raw = ((JavascriptExecutor) driver).executeScript("return window.__releaseGateLog ? window.__releaseGateLog.slice() : []");
        List<PageEvent> events = new ArrayList<>();
        if (raw instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).map(Map.class::cast).map(PageEvent::of).forEach(events::add);
        }
        return events;
    }

    public byte[] screenshot() {
        return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    }

    public String title() {
        return driver.getTitle();
    }

    /** Quits the browser and chromedriver and deletes its folder; safe to call twice. */
    @Override
    public synchronized void close() {
        for (AutoCloseable inspector : inspectors) {
            try {
                inspector.close();
            } catch (Exception ignored) { // the browser may already be gone; quitting below is what matters
            }
        }
        inspectors.clear();
        try {
            driver.quit();
        } catch (RuntimeException ignored) { // already gone: the service stop below still ends chromedriver
        }
        service.stop();
        deleteQuietly(folder);
    }

    private static String resource(String name) {
        try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Folders.deleteTree(dir);
        } catch (IOException ignored) { // the run's temporary folder is deleted at its end in any case
        }
    }
}
