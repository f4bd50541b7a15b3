package dev.bookingsinvoicing.benchmarks;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a step's time-out passes, so that no step of a run can hang. */
final class Waits {

    private Waits() {
    }

    /** True when the condition held within the time-out; false (and a line on stderr) when it did not. */
    static boolean until(String what, Duration timeout, Duration every, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                System.err.println("TIMEOUT after " + timeout + ": " + what);
                return false;
            }
            Thread.sleep(every.toMillis());
        }
    }
}
