package dev.ballast.chain;

/**
 * A lens call pinned to one block reported another: the node ran it against a block mined meanwhile (Anvil does this
 * for a call at its head number when a block is mined during the call). The chunks of such a read are not one snapshot.
 */
public class LensBlockMismatchException extends LensDecodingException {
    public LensBlockMismatchException(String message) {
        super(message);
    }
}
