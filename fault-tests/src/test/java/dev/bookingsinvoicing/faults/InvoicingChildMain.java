package dev.bookingsinvoicing.faults;

import java.io.IOException;

import dev.bookingsinvoicing.invoicing.InvoicingServiceApplication;

/**
 * Main class of the invoicing service run as a separate process by {@link ProcessKillFaultTest}: the service's own
 * main, plus a thread that halts this JVM once the test JVM's end of its standard input closes. A test JVM that
 * dies without running its finally blocks (killed itself, or by a surefire timeout) leaves no service behind.
 */
public final class InvoicingChildMain {

    private InvoicingChildMain() {
    }

    public static void main(String[] args) {
        Thread watch = new Thread(InvoicingChildMain::haltWhenParentGone, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        InvoicingServiceApplication.main(args);
    }

    private static void haltWhenParentGone() {
        try {
            while (System.in.read() != -1) {
                // the parent writes nothing: only the end of the stream matters
            }
        } catch (IOException e) {
            // a broken pipe means the same: the parent is gone
        }
        Runtime.getRuntime().halt(3);
    }
}
