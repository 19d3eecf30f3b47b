package dev.orchestrator.gate.scenario;

import dev.orchestrator.gate.browser.Browser;
import dev.orchestrator.gate.browser.Origins;
import dev.orchestrator.gate.browser.PageEvent;
import dev.orchestrator.gate.config.GateSettings;
import dev.orchestrator.gate.run.GateRun;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The user's open tab on the UI under test (through the edge proxy when there is one, as users reach it). */
public final class UiTab implements AutoCloseable {

    private final Browser browser;
    private final URI url;
    private final Origins origins;
    private final GateSettings.Ui ui;
    private final double launchS;

    private UiTab(Browser browser, URI url, Origins origins, GateSettings.Ui ui, double launchS) {
        this.browser = browser;
        this.url = url;
        this.origins = origins;
        this.ui = ui;
        this.launchS = launchS;
    }

    static UiTab launch(GateRun gate) {
        List<URI> under = new ArrayList<>(List.of(gate.api().baseUrl()));
        gate.edgeApi().ifPresent(edge -> under.add(edge.baseUrl()));
        URI url = gate.edgeApi().map(edge -> edge.baseUrl()).orElse(gate.api().baseUrl());
        Origins origins = new Origins(under);
        GateSettings.Ui ui = gate.settings().ui();
        long start = System.nanoTime();
        Browser browser = Browser.launch(ui.chromium(), ui.chromedriver(), origins, gate.newTempFolder("browser"));
        return new UiTab(browser, url, origins, ui, (System.nanoTime() - start) / 1e9);
    }

    public Browser browser() {
        return browser;
    }

    public URI url() {
        return url;
    }

    public Origins origins() {
        return origins;
    }

    public GateSettings.Ui ui() {
        return ui;
    }

    public double launchSeconds() {
        return launchS;
    }

    /** Ids of the page's WebSockets that opened and have not closed. */
    public static List<Long> openSockets(List<PageEvent> events) {
        List<Long> open = new ArrayList<>();
        for (PageEvent e : events) {
            if (e.webSocket("open")) {
                open.add(e.id());
            } else if (e.webSocket("close")) {
                open.remove(e.id());
            }
        }
        return open;
    }

    /** Console lines as evidence text, one per line. */
    public static String lines(List<?> lines) {
        return lines.isEmpty() ? "(none)" : lines.stream().map(String::valueOf).collect(Collectors.joining("\n"));
    }

    public static Optional<String> path(String url) {
        try {
            URI uri = URI.create(url);
            return Optional.of(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        browser.close();
    }
}
