/**
 * The keeper's view of the chain: RPC failover, new heads, and batched per-block reads.
 *
 * <ul>
 *   <li>{@link dev.ballast.chain.FailoverRpc}: configured nodes ({@link dev.ballast.chain.RpcEndpoint}) in priority
 *       order; a node that errors or times out is backed off exponentially, a node lagging more than
 *       {@code maxLagBlocks} behind the best height is skipped; errors name nodes, never raw URLs (API keys are
 *       redacted). {@link dev.ballast.chain.RpcStats} counts every JSON-RPC call and HTTP request.</li>
 *   <li>{@link dev.ballast.chain.HeadWatcher}: eth_subscribe("newHeads") over WebSocket with reconnect, HTTP polling
 *       whenever no subscription is live; each block delivered once and in order, gaps filled, reorgs reported.</li>
 *   <li>{@link dev.ballast.chain.VaultReader}: all vaults and pools at one block through VaultLens, a contract whose
 *       constructor does the reads and returns them; it runs in eth_call without {@code to}, so nothing is deployed.
 *       The calls of one read go as one JSON-RPC batch, all pinned to the same block number, at most
 *       {@code maxCallsPerBlock} of them.</li>
 *   <li>{@link dev.ballast.chain.BatchCaller}: arbitrary view calls in one eth_call, via Multicall3's aggregate3 where
 *       it is deployed, else via CallBatchLens (same result encoding).</li>
 * </ul>
 */
package dev.ballast.chain;
