package dev.orchestrator.gate.platform;

import java.security.SecureRandom;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The Coolify application the run deploys: its uuid (the compose project and its network), its numeric id (the
 * {@code coolify.applicationId} label), and the timestamp each deploy puts into the container names
 * ({@code <service>-<uuid>-<Hisu>}, coolify-deploy.md).
 */
public final class CoolifyApp {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** PHP's "Hisu": hours, minutes, seconds, microseconds. */
    private static final DateTimeFormatter HISU = DateTimeFormatter.ofPattern("HHmmssSSSSSS");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String uuid;
    private final long id;
    private final String name;
    private final boolean consistentNames;
    private String nextTimestamp;

    CoolifyApp(String uuid, long id, String name, boolean consistentNames) {
        this.uuid = uuid;
        this.id = id;
        this.name = name;
        this.consistentNames = consistentNames;
    }

    /** A new application: a 24-character uuid as Coolify makes them, a numeric id; {@code consistentNames}: the setting "consistent container names". */
    static CoolifyApp create(String name, boolean consistentNames) {
        StringBuilder uuid = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            uuid.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new CoolifyApp(uuid.toString(), 1000 + RANDOM.nextInt(9000), name, consistentNames);
    }

    /** Whether the setting "consistent container names" is on: {@code <service>-<uuid>}, no timestamp. */
    boolean consistentNames() {
        return consistentNames;
    }

    public String uuid() {
        return uuid;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The timestamp of the next deploy (fixed once asked, so that the file written ahead of it names what it will use; never a planted name). */
    synchronized String nextTimestamp() {
        if (nextTimestamp == null) {
            nextTimestamp = LocalTime.now().format(HISU);
        }
        return nextTimestamp;
    }

    /** Starts a deploy: its timestamp, after which the next deploy gets a new one. */
    synchronized String takeTimestamp() {
        String ts = nextTimestamp();
        nextTimestamp = null;
        return ts;
    }

    /** The container name Coolify gives {@code service} in a deploy stamped {@code timestamp} ({@code <service>-<uuid>} with consistent names). */
    String containerName(String service, String timestamp) {
        return consistentNames ? service + "-" + uuid : service + "-" + uuid + "-" + timestamp;
    }
}
