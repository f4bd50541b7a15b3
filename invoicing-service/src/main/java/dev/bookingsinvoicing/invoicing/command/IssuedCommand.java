package dev.bookingsinvoicing.invoicing.command;

/** A command as the domain sees it: who issued it, under which id (the id that makes it happen once). */
public interface IssuedCommand {

    String commandId();

    String issuedBy();
}
