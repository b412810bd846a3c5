package dev.ballast.backtest.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real price histories shipped with Ballast (see {@code src/main/resources/data/README.md} for sources). */
public final class SampleData {
    /** Classpath location of the EuStockMarkets CSV. */
    public static final String EU_STOCK_MARKETS = "/data/eustockmarkets.csv";

    private SampleData() {
    }

    /**
     * Daily closes of DAX, SMI, CAC and FTSE, 1860 business days from R's {@code EuStockMarkets} data set
     * (GPL, part of R). Dates are nominal Monday–Friday days from 1991-07-01; the original has no dates.
     */
    public static LoadedPrices euStockMarkets() {
        return load(EU_STOCK_MARKETS);
    }

    static LoadedPrices load(String resource) {
        try (InputStream in = SampleData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PriceDataException(resource, "sample data not found on the classpath");
            }
            return new PriceCsvReader().read(new InputStreamReader(in, StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
