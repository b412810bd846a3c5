package dev.ballast.chain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;
import org.web3j.protocol.websocket.events.Notification;
import org.web3j.utils.Numeric;

/** An eth_subscribe("newHeads") message. web3j's own NewHead lacks baseFeePerGas, which the gas policy needs. */
public final class HeadNotification extends Notification<HeadNotification.Header> {
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Header {
        public String number;
        public String hash;
        public String parentHash;
        public String timestamp;
        public String baseFeePerGas;

        BlockHead toBlockHead() {
            return new BlockHead(Numeric.decodeQuantity(number).longValueExact(), hash, parentHash,
                    Numeric.decodeQuantity(timestamp).longValueExact(),
                    Optional.ofNullable(baseFeePerGas).map(Numeric::decodeQuantity));
        }
    }
}
