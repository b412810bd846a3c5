package dev.ballast.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * @param endpoints             tried in this order; the first healthy one serves reads
 * @param privateSubmissionUrl  if set, eth_sendRawTransaction goes here only (e.g. a private mempool relay)
 */
public record RpcConfig(List<Endpoint> endpoints, Optional<URI> privateSubmissionUrl) {
    public RpcConfig {
        endpoints = List.copyOf(endpoints);
    }

    /** @param ws optional WebSocket URL for new-head subscriptions on the same node */
    public record Endpoint(URI http, Optional<URI> ws) {
    }
}
