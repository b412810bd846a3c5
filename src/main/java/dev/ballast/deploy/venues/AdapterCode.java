package dev.ballast.deploy.venues;

/**
 * The creation code of a venue contract from its generated web3j wrapper ({@code dev.ballast.contracts.<Contract>
 * .BINARY}), looked up by name so this code builds before the venue contracts are in the tree; once they are, each
 * adapter record may read its wrapper's BINARY directly.
 */
public final class AdapterCode {
    private AdapterCode() {}

    /** Whether the wrapper of {@code contract} is in this build. */
    public static boolean built(String contract) {
        try {
            wrapper(contract);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    public static String binary(String contract) {
        try {
            return (String) wrapper(contract).getField("BINARY").get(null);
        } catch (ClassNotFoundException e) {
            throw new AdapterNotBuiltException(contract);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the generated wrapper of " + contract + " has no BINARY", e);
        }
    }

    private static Class<?> wrapper(String contract) throws ClassNotFoundException {
        return Class.forName("dev.ballast.contracts." + contract, false, AdapterCode.class.getClassLoader());
    }

    /** The venue contract is not compiled into this build (contracts/src/venues/ lacks it). */
    public static final class AdapterNotBuiltException extends IllegalStateException {
        public AdapterNotBuiltException(String contract) {
            super(contract + " is not in this build: contracts/src/venues/" + contract + ".sol must be compiled (./mvnw"
                    + " verify generates its wrapper) before its venue adapters can be deployed");
        }
    }
}
