package dev.ballast.chain;

import io.reactivex.Flowable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.websocket.events.Notification;

/**
 * web3j's transport over a {@link FailoverRpc}: each request is re-addressed to the node the failover picks, so code
 * written against plain {@code Web3j} gets priority order, backoff and lag skipping without knowing about them. The
 * nodes belong to the failover; closing this transport closes nothing.
 */
final class FailoverService implements Web3jService {
    private final FailoverRpc rpc;

    FailoverService(FailoverRpc rpc) {
        this.rpc = rpc;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        try {
            return rpc.callService(request.getMethod(),
                    node -> node.send(new Request(request.getMethod(), request.getParams(), node, responseType), responseType));
        } catch (RpcUnavailableException e) {
            // callers of plain web3j handle IOException for "the network failed"; the message lists every node
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return send(request, responseType);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public BatchResponse sendBatch(BatchRequest batch) throws IOException {
        try {
            return rpc.callService("batch of " + batch.getRequests().size(), node -> {
                BatchRequest readdressed = new BatchRequest(node);
                for (Request<?, ? extends Response<?>> r : batch.getRequests()) {
                    Request copy = new Request(r.getMethod(), r.getParams(), node, r.getResponseType());
                    copy.setId(r.getId()); // callers find their answers in the batch by the ids they sent
                    readdressed.add(copy);
                }
                return node.sendBatch(readdressed);
            });
        } catch (RpcUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest batch) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sendBatch(batch);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Subscriptions stay on one node's WebSocket, which {@link HeadWatcher} manages; HTTP transports have none. */
    @Override
    public <T extends Notification<?>> Flowable<T> subscribe(Request request, String unsubscribeMethod,
            Class<T> responseType) {
        throw new UnsupportedOperationException("subscriptions need a WebSocket endpoint (see HeadWatcher), not HTTP failover");
    }

    @Override
    public void close() {}
}
