package dev.bookingsinvoicing.faults;

import java.io.IOException;

import dev.bookingsinvoicing.bc.BusinessCentralConnectorApplication;

/**
 * Main class of the Business Central connector run as a separate process by {@link BusinessCentralKillFaultTest}:
 * the connector's own main, halted once the test JVM's end of its standard input closes (as {@link InvoicingChildMain}).
 */
public final class ConnectorChildMain {

    private ConnectorChildMain() {
    }

    public static void main(String[] args) {
        Thread watch = new Thread(ConnectorChildMain::haltWhenParentGone, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        BusinessCentralConnectorApplication.main(args);
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
