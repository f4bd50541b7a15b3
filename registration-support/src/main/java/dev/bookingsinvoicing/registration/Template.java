package dev.bookingsinvoicing.registration;

/** A Business Central template (customer template, item template): the defaults a new record gets, by code. */
public interface Template {

    String code();
}
