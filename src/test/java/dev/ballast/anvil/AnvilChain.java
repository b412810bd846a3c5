package dev.ballast.anvil;

import dev.ballast.deploy.DevGas;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;

/** What a test gets from {@link AnvilExtension}: the node, a Web3j client, funded dev accounts, test RPC methods. */
public final class AnvilChain implements AutoCloseable {
    private final AnvilNode node;
    private final HttpService service;
    private final Web3j web3j;
    private final AnvilRpc rpc;

    AnvilChain(AnvilNode node) {
        this.node = node;
        this.service = new HttpService(node.rpcUrl());
        this.web3j = Web3j.build(service);
        this.rpc = new AnvilRpc(service);
    }

    public Web3j web3j() {
        return web3j;
    }

    public AnvilRpc rpc() {
        return rpc;
    }

    public String rpcUrl() {
        return node.rpcUrl();
    }

    public AnvilNode node() {
        return node;
    }

    public List<Credentials> accounts() {
        return DevAccounts.all();
    }

    public Credentials account(int index) {
        return DevAccounts.get(index);
    }

    /** A transaction manager for dev account {@code index} on chain 31337. */
    public TransactionManager txManager(int index) {
        return DevGas.txManager(web3j, account(index), AnvilOptions.DEFAULT_CHAIN_ID);
    }

    @Override
    public void close() {
        web3j.shutdown();
        node.close();
    }
}
