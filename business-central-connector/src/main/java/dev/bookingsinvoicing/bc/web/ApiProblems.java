package dev.bookingsinvoicing.bc.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.bookingsinvoicing.service.web.TemplateApiProblems;

/** Every API error (401, 403, 400) as an RFC 9457 problem detail, as the other services answer them. */
@RestControllerAdvice
public class ApiProblems extends TemplateApiProblems {
}
