package dev.bookingsinvoicing.customers.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.bookingsinvoicing.service.web.TemplateApiProblems;

/** Every API error as an RFC 9457 problem detail whose {@code detail} says what to fix. */
@RestControllerAdvice
public class ApiProblems extends TemplateApiProblems {
}
