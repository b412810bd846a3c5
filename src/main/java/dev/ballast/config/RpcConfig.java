package dev.ballast.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * @param endpoints             tried in this order; the first healthy one serves reads
 * @param privateSubmissionUrl  if set, eth_sendRawTransaction goes here only (e.g. a private mempool relay)
 * @param callGasLimit          gas per eth_call of the vault lens: at most the nodes' eth_call gas cap
 * @param maxReadCallsPerBlock  ceiling on the lens eth_calls of one block's read (their number follows the fleet's gas)
 */
public record RpcConfig(List<Endpoint> endpoints, Optional<URI> privateSubmissionUrl, long callGasLimit,
                        int maxReadCallsPerBlock) {
    public RpcConfig {
        endpoints = List.copyOf(endpoints);
    }

    /** @param ws optional WebSocket URL for new-head subscriptions on the same node */
    public record Endpoint(URI http, Optional<URI> ws) {
    }
}
