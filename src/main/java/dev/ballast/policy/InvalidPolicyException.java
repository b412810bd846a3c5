package dev.ballast.policy;

/** A policy parameter or snapshot field is out of range; the message names the field and the offending value. */
public final class InvalidPolicyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPolicyException(String field, Object value, String requirement) {
        super(field + " = " + value + ": " + requirement);
    }
}
