package dev.ballast.venue;

/** No allowed venue can fill a leg at once (every venue's ratio limit or liquidity is exceeded). */
public final class NoRouteException extends RuntimeException {
    public NoRouteException(String message) {
        super(message);
    }
}
