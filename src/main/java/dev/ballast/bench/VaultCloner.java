package dev.ballast.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.anvil.AnvilRpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * Copies a normally deployed, funded vault and its router to fresh addresses on Anvil: the accounts' code
 * ({@code anvil_setCode}, with the vault's immutable router address patched to the copy's router), every storage
 * slot ({@code anvil_setStorageAt}, addresses of the template rewritten to the copy's), the nonces, and the copy's
 * balance and the deployer's allowance in each asset token (the token's total supply grows by what the copies hold, so
 * the tokens stay consistent). The storage is discovered from {@code anvil_dumpState}, not from a hand-kept layout, so a
 * new vault field is copied without a change here. A copy shares only what the template shares with every vault of its
 * stack (assets, price sources, venue, pool) plus its stateless {@code RebalancePlanner} (an immutable of the vault's
 * code). Every request goes out in JSON-RPC batches: no transaction, no block per copy.
 *
 * <p>Dev chains only: this is how the large-fleet benchmarks get 1,000 or 10,000 vaults in seconds, where deploying
 * each through its constructor and timelock takes 18 transactions (about 20 ms each in Anvil's automine, minutes
 * under load). {@code VaultClonerTest} checks a copy reads exactly like a normally deployed twin and rebalances.
 */
final class VaultCloner {
    /** Requests per HTTP batch: large enough to amortise the round trip, small enough for Anvil to answer promptly. */
    private static final int BATCH = 2_000;
    /** Anvil answers a request body over its limit (a few MB: each vault's code is ~50 KB of hex) with one error object. */
    private static final int BATCH_CHARS = 1_000_000;
    /** Mapping slots searched for a token's balance and allowance mappings (as forge's deal searches). */
    private static final int MAPPING_SLOTS = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Web3j web3j;
    private final Web3jService service;
    private final List<Request<?, ? extends Response<?>>> pending = new ArrayList<>();
    private int pendingChars;

    /** A template: the vault, its router, the account that funded it, and the vault's asset tokens. */
    record Template(String vault, String router, String funder, List<String> tokens) {}

    /** A copy: the vault and the router it owns. */
    record Copy(String vault, String router) {}

    VaultCloner(Web3j web3j, Web3jService service) {
        this.web3j = web3j;
        this.service = service;
    }

    /**
     * Copies each template {@code counts.get(i)} times; copy {@code j} of template {@code i} lives at addresses derived
     * from {@code salt}, {@code i} and {@code j}. Returns the copies per template, in order.
     */
    List<List<Copy>> copy(List<Template> templates, List<Integer> counts, String salt) throws IOException {
        JsonNode accounts = dumpAccounts();
        List<List<Copy>> all = new ArrayList<>();
        Map<String, BigInteger> supplyGrowth = new LinkedHashMap<>();
        Map<String, String> supplySlot = new LinkedHashMap<>();
        for (int t = 0; t < templates.size(); t++) {
            Template template = templates.get(t);
            Account vault = account(accounts, template.vault());
            Account router = account(accounts, template.router());
            String vaultHex = bare(template.vault());
            String routerHex = bare(template.router());
            if (!vault.code.contains(routerHex)) {
                throw new IllegalStateException("vault " + template.vault() + ": its code does not hold its router "
                        + template.router() + " as an immutable; cannot patch a copy");
            }
            if (vault.code.contains(vaultHex) || router.code.contains(routerHex) || router.code.contains(vaultHex)) {
                throw new IllegalStateException("template code holds its own address; a copy would point at the template");
            }
            List<TokenSlots> tokens = new ArrayList<>();
            for (String token : template.tokens()) {
                TokenSlots slots = tokenSlots(accounts, token, template);
                tokens.add(slots);
                supplySlot.put(token, slots.supplySlot);
                supplyGrowth.merge(token, slots.balance.multiply(BigInteger.valueOf(counts.get(t))), BigInteger::add);
            }
            List<Copy> copies = new ArrayList<>();
            for (int j = 0; j < counts.get(t); j++) {
                Copy c = new Copy(address(salt + "/vault/" + t + "/" + j), address(salt + "/router/" + t + "/" + j));
                Map<String, String> rename = Map.of(vaultHex, bare(c.vault()), routerHex, bare(c.router()));
                put("anvil_setCode", c.vault(), "0x" + vault.code.replace(routerHex, bare(c.router())));
                put("anvil_setCode", c.router(), "0x" + router.code);
                put("anvil_setNonce", c.vault(), Numeric.toHexStringWithPrefix(vault.nonce));
                put("anvil_setNonce", c.router(), Numeric.toHexStringWithPrefix(router.nonce));
                copyStorage(vault, template, c, c.vault(), rename);
                copyStorage(router, template, c, c.router(), rename);
                for (int k = 0; k < tokens.size(); k++) {
                    TokenSlots s = tokens.get(k);
                    String token = template.tokens().get(k);
                    put("anvil_setStorageAt", token, mappingKey(c.vault(), s.balanceSlot), word(s.balance));
                    if (s.allowanceSlot >= 0) {
                        put("anvil_setStorageAt", token, nestedKey(template.funder(), c.vault(), s.allowanceSlot), word(s.allowance));
                    }
                }
                copies.add(c);
            }
            all.add(copies);
        }
        for (var e : supplyGrowth.entrySet()) {
            String slot = supplySlot.get(e.getKey());
            BigInteger now = Numeric.toBigInt(web3j.ethGetStorageAt(e.getKey(), Numeric.toBigInt(slot),
                    DefaultBlockParameterName.LATEST).send().getData());
            put("anvil_setStorageAt", e.getKey(), slot, word(now.add(e.getValue())));
        }
        flush();
        return all;
    }

    /** The template's storage at the copy: keys of mappings keyed by a template address and address values renamed. */
    private void copyStorage(Account from, Template template, Copy copy, String to, Map<String, String> rename) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int s = 0; s < 64; s++) {
            keys.put(mappingKey(template.vault(), s), mappingKey(copy.vault(), s));
            keys.put(mappingKey(template.router(), s), mappingKey(copy.router(), s));
        }
        for (var e : from.storage.entrySet()) {
            String key = keys.getOrDefault(e.getKey(), e.getKey());
            String value = e.getValue();
            for (var r : rename.entrySet()) value = value.replace(r.getKey(), r.getValue());
            put("anvil_setStorageAt", to, key, value);
        }
    }

    /** Where a token keeps the template's balance, the funder's allowance to it, and its total supply. */
    private TokenSlots tokenSlots(JsonNode accounts, String token, Template template) throws IOException {
        Account acc = account(accounts, token);
        int balanceSlot = -1;
        for (int s = 0; s < MAPPING_SLOTS && balanceSlot < 0; s++) {
            if (acc.storage.containsKey(mappingKey(template.vault(), s))) balanceSlot = s;
        }
        if (balanceSlot < 0) throw new IllegalStateException("token " + token + ": no balance slot of " + template.vault());
        int allowanceSlot = -1;
        for (int s = 0; s < MAPPING_SLOTS && allowanceSlot < 0; s++) {
            if (acc.storage.containsKey(nestedKey(template.funder(), template.vault(), s))) allowanceSlot = s;
        }
        BigInteger supply = Numeric.toBigInt(call(token, "0x18160ddd")); // totalSupply()
        String supplySlot = null;
        for (int s = 0; s < MAPPING_SLOTS && supplySlot == null; s++) {
            String slot = word(BigInteger.valueOf(s));
            String v = acc.storage.get(slot);
            if (v != null && Numeric.toBigInt(v).equals(supply)) supplySlot = slot;
        }
        if (supplySlot == null) throw new IllegalStateException("token " + token + ": no total supply slot");
        BigInteger balance = Numeric.toBigInt(acc.storage.get(mappingKey(template.vault(), balanceSlot)));
        BigInteger allowance = allowanceSlot < 0 ? BigInteger.ZERO
                : Numeric.toBigInt(acc.storage.get(nestedKey(template.funder(), template.vault(), allowanceSlot)));
        return new TokenSlots(balanceSlot, balance, allowanceSlot, allowance, supplySlot);
    }

    private record TokenSlots(int balanceSlot, BigInteger balance, int allowanceSlot, BigInteger allowance, String supplySlot) {}

    private record Account(String code, BigInteger nonce, Map<String, String> storage) {}

    /** The whole chain state; storage keys and values normalised to 32-byte lowercase hex words. */
    private JsonNode dumpAccounts() throws IOException {
        Response<?> r = new Request<>("anvil_dumpState", List.of(), service, AnvilRpc.GenericResponse.class).send();
        if (r.hasError()) throw new IOException("anvil_dumpState failed: " + r.getError().getMessage());
        byte[] raw = Numeric.hexStringToByteArray(r.getResult().toString());
        try (var in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return JSON.readTree(in).get("accounts");
        }
    }

    private static Account account(JsonNode accounts, String address) {
        JsonNode node = null;
        for (Iterator<String> it = accounts.fieldNames(); it.hasNext() && node == null; ) {
            String name = it.next();
            if (name.equalsIgnoreCase(address)) node = accounts.get(name);
        }
        if (node == null) throw new IllegalStateException("no account " + address + " in the state dump");
        Map<String, String> storage = new LinkedHashMap<>();
        node.get("storage").fields().forEachRemaining(e -> storage.put(word(Numeric.toBigInt(e.getKey())),
                word(Numeric.toBigInt(e.getValue().asText()))));
        JsonNode nonce = node.get("nonce");
        BigInteger n = nonce.isNumber() ? nonce.bigIntegerValue() : Numeric.toBigInt(nonce.asText());
        return new Account(bare(node.get("code").asText()), n, storage);
    }

    private String call(String to, String data) throws IOException {
        return web3j.ethCall(Transaction.createEthCallTransaction(null, to, data),
                DefaultBlockParameterName.LATEST).send().getValue();
    }

    private void put(String method, Object... params) throws IOException {
        pending.add(new Request<>(method, List.of(params), service, AnvilRpc.GenericResponse.class));
        for (Object p : params) pendingChars += p.toString().length();
        if (pending.size() >= BATCH || pendingChars >= BATCH_CHARS) flush();
    }

    private void flush() throws IOException {
        if (pending.isEmpty()) return;
        BatchRequest batch = web3j.newBatch();
        pending.forEach(batch::add);
        var responses = batch.send().getResponses();
        for (int i = 0; i < responses.size(); i++) {
            if (responses.get(i).hasError()) {
                throw new IOException(pending.get(i).getMethod() + " " + pending.get(i).getParams() + " failed: "
                        + responses.get(i).getError().getMessage());
            }
        }
        pending.clear();
        pendingChars = 0;
    }

    /** A fresh address from {@code seed}: no key controls it, and it cannot collide with a deployed contract. */
    static String address(String seed) {
        return "0x" + Hash.sha3String("ballast fleet copy " + seed).substring(26);
    }

    static String mappingKey(String address, int slot) {
        return Hash.sha3(pad(address) + Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(slot), 64));
    }

    /** {@code m[outer][inner]} of the mapping at {@code slot}. */
    static String nestedKey(String outer, String inner, int slot) {
        return Hash.sha3(pad(inner) + bare(mappingKey(outer, slot)));
    }

    private static String pad(String address) {
        return "0".repeat(24) + bare(address);
    }

    private static String bare(String hex) {
        return Numeric.cleanHexPrefix(hex).toLowerCase(Locale.ROOT);
    }

    private static String word(BigInteger value) {
        return Numeric.toHexStringWithPrefixZeroPadded(value, 64);
    }
}
