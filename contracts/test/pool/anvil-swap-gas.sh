#!/bin/bash
# Usage (from contracts/, after `forge build` into $OUT): test/pool/anvil-swap-gas.sh   [HARDFORK=cancun] [PORT=8555]
# Whole-transaction gas of WeightedPool swaps on a local Anvil (receipt gasUsed), EOA already approved, balances warm.
set -e
cd "$(dirname "$0")/../.."
PORT=${PORT:-8555}
RPC=http://127.0.0.1:$PORT
OUT=${OUT:-out}
node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil --port $PORT --silent ${HARDFORK:+--hardfork $HARDFORK} > "${TMPDIR:-/tmp}/anvil-swap-gas.log" 2>&1 &
APID=$!
trap "kill $APID" EXIT
sleep 3
K0=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80   # anvil dev account 0 (public test key)
K1=0x000000000000000000000000000000000000000000000000000000000000b0b1   # a throwaway trader key, funded below
A1=$(npx cast wallet address $K1 2>/dev/null)
c() { npx cast "$@" 2> >(grep -v "npm warn" >&2); }
bytecode() { jq -r .bytecode.object $OUT/$1.sol/$1.json; }
deploy() { # artifact, encoded args
  c send --rpc-url $RPC --private-key $K0 --create "$(bytecode $1)${2#0x}" --json | jq -r .contractAddress; }
TA=$(deploy MockERC20 $(c abi-encode "f(string,string,uint8)" A A 18))
TB=$(deploy MockERC20 $(c abi-encode "f(string,string,uint8)" B B 6))
F=$(deploy WeightedPoolFactory)
c send --rpc-url $RPC --private-key $K0 $A1 --value 10ether > /dev/null
c send --rpc-url $RPC --private-key $K0 $F "create(string,string,address[],uint256[],uint256)" LP LP "[$TA,$TB]" "[500000000000000000,500000000000000000]" 3000000000000000 > /dev/null
P=$(c call --rpc-url $RPC $F "allPools(uint256)(address)" 0)
for T in $TA $TB; do
  for K in $K0 $K1; do
    ADDR=$(npx cast wallet address $K 2>/dev/null)
    c send --rpc-url $RPC --private-key $K0 $T "mint(address,uint256)" $ADDR 100000000000000000000000000 > /dev/null
    c send --rpc-url $RPC --private-key $K $T "approve(address,uint256)" $P $(c max-uint) > /dev/null
  done
done
c send --rpc-url $RPC --private-key $K0 $P "joinPool(uint256,uint256[],address,uint256)" 0 "[1000000000000000000000,3000000000000]" $(npx cast wallet address $K0 2>/dev/null) 99999999999 > /dev/null
SWAP="swapExactIn(address,address,uint256,uint256,address,uint256)"
# trader's first swap (gets both token balances and the pool's nonzero)
c send --rpc-url $RPC --private-key $K1 $P $SWAP $TA $TB 1000000000000000000 0 $A1 99999999999 > /dev/null
now() { c block --rpc-url $RPC latest --json | jq -r .timestamp | xargs printf "%d"; }
# new block with a later timestamp: the first swap of the block writes the observation
c rpc --rpc-url $RPC evm_setNextBlockTimestamp $(( $(now) + 12 )) > /dev/null
NEW=$(c send --rpc-url $RPC --private-key $K1 $P $SWAP $TA $TB 1000000000000000000 0 $A1 99999999999 --json | jq -r .gasUsed)
# next block with the SAME timestamp: the observation for that time exists, like a later swap in the same block
T=$(now)
c rpc --rpc-url $RPC evm_setNextBlockTimestamp $T > /dev/null 2>&1 || echo "anvil refused an equal timestamp"
WARM=$(c send --rpc-url $RPC --private-key $K1 $P $SWAP $TA $TB 1000000000000000000 0 $A1 99999999999 --json | jq -r .gasUsed)
echo "timestamps: $T / $(now)"
echo "hardfork=${HARDFORK:-default} swap2_exactIn tx gasUsed: sameBlock(observation exists)=$((WARM)) newBlock(first of block)=$((NEW))"
