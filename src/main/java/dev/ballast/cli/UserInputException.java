package dev.ballast.cli;

/** Bad input from the user (a value, an amount, a file): exit code 2 with a message naming the field. */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
