package dev.orchestrator.gate.config;

import java.net.URI;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks secrets by value before anything is written (report, console, evidence); each run has its own (RunRecord#masker). */
public final class SecretMasker {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD).*|(?i)(.*_)?PAT");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?<user>[^:/@\\s]+):(?<pass>[^@/\\s]+)@");
    private static final int MIN_SECRET_LENGTH = 4;
    public static final String MASK = "****";

    // longest first, so a secret that contains another is masked whole
    private final Set<String> values = new ConcurrentSkipListSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));

    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    public void addSecret(String value) {
        if (value != null && value.length() >= MIN_SECRET_LENGTH) {
            values.add(value);
        }
    }

    /** Registers the values of secret-named variables and the passwords inside URL values. */
    public void addFromEnvironment(Map<String, String> environment) {
        environment.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (isSecretName(name)) {
                addSecret(value);
            }
            Matcher m = URL_CREDENTIALS.matcher(value);
            while (m.find()) {
                addSecret(m.group("pass"));
            }
        });
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : values) {
            masked = masked.replace(secret, MASK);
        }
        return URL_CREDENTIALS.matcher(masked).replaceAll("${scheme}${user}:" + MASK + "@");
    }

    public String mask(URI uri) {
        return mask(uri.toString());
    }
}
