package dev.ballast.chain;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/** web3j's HTTP transport, counting every JSON-RPC call into an {@link RpcStats}. */
final class CountingHttpService extends HttpService {
    private final RpcStats stats;

    CountingHttpService(String url, OkHttpClient client, RpcStats stats) {
        super(url, client);
        this.stats = stats;
    }

    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        stats.countCall(request.getMethod());
        return super.send(request, responseType);
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        stats.countCall(request.getMethod());
        return super.sendAsync(request, responseType);
    }

    @Override
    public BatchResponse sendBatch(BatchRequest batch) throws IOException {
        for (Request<?, ? extends Response<?>> request : batch.getRequests()) stats.countCall(request.getMethod());
        return super.sendBatch(batch);
    }
}
