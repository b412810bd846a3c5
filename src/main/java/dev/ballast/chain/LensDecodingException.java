package dev.ballast.chain;

/** A batched read came back in a shape the decoder does not expect (wrong lens version, truncated result). */
public class LensDecodingException extends RuntimeException {
    public LensDecodingException(String message) {
        super(message);
    }
}
