package dev.ballast.keeper;

import dev.ballast.journal.TxReceipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

final class TxReceipts {
    private TxReceipts() {}

    static TxReceipt of(TransactionReceipt r) {
        return new TxReceipt(r.getBlockNumber().longValueExact(), r.getBlockHash(), r.isStatusOK(), r.getGasUsed());
    }
}
