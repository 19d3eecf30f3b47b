package dev.orchestrator.gate.availability;

/**
 * A time a lane was not up, in seconds since the record began ({@code toS} null while it lasts), with what took it
 * down and what brought it back (the answer, the Docker event).
 */
public record Gap(double fromS, Double toS, String downBecause, String upBecause) {

    public double seconds(double nowS) {
        return (toS == null ? nowS : toS) - fromS;
    }
}
