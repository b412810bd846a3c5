package dev.ballast.backtest;

/**
 * Gas a simulated rebalance pays: {@code perCall} per vault call plus {@code perSwap} per swap, at a constant
 * {@code gasPriceWei}, priced with the native token's price: the {@code nativeAsset} column of the price series when
 * named, else the constant {@code nativePrice}.
 */
public record GasModel(long perCall, long perSwap, long gasPriceWei, String nativeAsset, double nativePrice) {
    /** No gas at all. */
    public static final GasModel NONE = new GasModel(0, 0, 0, null, 0);

    public GasModel {
        if (perCall < 0 || perSwap < 0 || gasPriceWei < 0) {
            throw new IllegalArgumentException("gas units and price must be >= 0: " + perCall + ", " + perSwap
                    + ", " + gasPriceWei);
        }
        if (nativeAsset == null && !(nativePrice >= 0 && Double.isFinite(nativePrice))) {
            throw new IllegalArgumentException("nativePrice must be finite and >= 0: " + nativePrice);
        }
    }

    public static GasModel constant(long perCall, long perSwap, long gasPriceWei, double nativePrice) {
        return new GasModel(perCall, perSwap, gasPriceWei, null, nativePrice);
    }

    /** Native token priced from the named column of the backtest's price series (e.g. "ETH"). */
    public static GasModel priced(long perCall, long perSwap, long gasPriceWei, String nativeAsset) {
        return new GasModel(perCall, perSwap, gasPriceWei, nativeAsset, 0);
    }
}
