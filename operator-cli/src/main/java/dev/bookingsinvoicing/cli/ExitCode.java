package dev.bookingsinvoicing.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every operator-cli command, defined here once: {@code --help} prints this table (picocli's exit
 * code list) and README's "The operator CLI" section shows the same rows (a test compares them).
 */
public enum ExitCode {

    DONE(0, "done: the command was carried out (invoice --all also when nothing was ready to invoice)"),
    FAILED(1, "failed for another reason, said in one line on standard error (e.g. not allowed on this cluster, "
            + "the invoicing service answered list with an error)"),
    USAGE(2, "usage error: an unknown, missing or invalid option, an unreadable --command-config file or a Kafka "
            + "setting the client refuses; nothing was sent"),
    NO_ANSWER(3, "no answer within --timeout: the invoicing service may still carry the command out; run it again "
            + "with the same --command-id to read its result"),
    NOTHING_DONE(4, "nothing done: an invoice --bookings or --customer, or a mark-invoiced, invoiced or marked none "
            + "of the bookings it named (each is printed with why)"),
    REJECTED(5, "rejected: the invoicing service refused the command and changed nothing (the reason and each "
            + "refused booking are printed)"),
    UNREACHABLE(6, "unreachable: the Kafka cluster did not answer within --timeout or refused the connection "
            + "(address, TLS, SASL); for list, the invoicing service");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The table as picocli's usage help lists it: code to meaning, in order. */
    static Map<String, String> usageList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode exitCode : values()) {
            list.put(Integer.toString(exitCode.code), exitCode.meaning);
        }
        return list;
    }
}
