package dev.ballast.config;

/**
 * Turns one scalar's text into a typed value, or throws IllegalArgumentException whose message says what is
 * allowed (e.g. "must be a fraction in (0, 0.5], e.g. 0.05").
 */
@FunctionalInterface
interface ValueParser<T> {
    T parse(String text);
}
