package dev.orchestrator.gate.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The origins under test (base URL, edge URL): the only places the browser may reach. */
public final class Origins {

    private final Set<String> allowed = new LinkedHashSet<>();
    private final List<URI> uris = new ArrayList<>();

    public Origins(Collection<URI> under) {
        for (URI uri : under) {
            uris.add(uri);
            allowed.add(of(uri.toString()).orElseThrow());
        }
    }

    /** {@code scheme://host:port} of a URL, with ws/wss counted as http/https (a page's WebSocket goes to its own origin). */
    public static Optional<String> of(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty(); // data:, blob:, about: stay inside the page
            }
            String scheme = switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
                case "ws" -> "http";
                case "wss" -> "https";
                default -> uri.getScheme().toLowerCase(Locale.ROOT);
            };
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when {@code url} goes to an origin under test, or stays in the page (data:, blob:). */
    public boolean allows(String url) {
        return of(url).map(allowed::contains).orElse(true);
    }

    public Set<String> allowed() {
        return Set.copyOf(allowed);
    }

    /**
     * Chromium flags that make every other host unreachable from inside the browser: host names other
     * than the ones under test do not resolve, and every connection that is not to an origin under test
     * (IP literals and other local ports included) goes to a proxy that does not exist.
     */
    public List<String> blockingFlags() {
        Set<String> hosts = new LinkedHashSet<>();
        List<String> bypass = new ArrayList<>();
        for (URI uri : uris) {
            hosts.add(uri.getHost());
            String origin = of(uri.toString()).orElseThrow();
            bypass.add(uri.getHost() + ":" + origin.substring(origin.lastIndexOf(':') + 1));
        }
        StringBuilder rules = new StringBuilder("MAP * ~NOTFOUND");
        hosts.forEach(h -> rules.append(", EXCLUDE ").append(h));
        // <-loopback> removes Chromium's implicit bypass of 127.0.0.1/localhost: only the listed host:port pairs are direct
        return List.of("--host-resolver-rules=" + rules, "--proxy-server=http://127.0.0.1:1",
                "--proxy-bypass-list=<-loopback>;" + String.join(";", bypass));
    }
}
