// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {WeightedPoolFactory} from "../src/pool/WeightedPoolFactory.sol";

/// @notice The cheatcodes this script calls (forge-std is not used; see test/utils/Vm.sol).
interface ScriptVm {
    function startBroadcast() external;
    function stopBroadcast() external;
    function envOr(string calldata name, address defaultValue) external view returns (address);
    function envOr(string calldata name, string calldata defaultValue) external view returns (string memory);
    function envOr(string calldata name, string calldata delim, address[] calldata defaultValue)
        external
        view
        returns (address[] memory);
    function envUint(string calldata name, string calldata delim) external view returns (uint256[] memory);
    function envUint(string calldata name) external view returns (uint256);
}

/// @notice Deploys a WeightedPoolFactory (or reuses one) and optionally creates a pool with it: the minimal Foundry
///         path for developers who live in forge. Funds deploy whole stacks (feeds, routers, vaults) with
///         `ballast deploy`, which adds idempotency, code verification and a dry run.
/// @dev    Environment (all optional; without POOL_TOKENS only the factory is deployed):
///           FACTORY        an existing factory to reuse
///           POOL_TOKENS    comma-separated token addresses (token 0 is the pool oracle's quote token)
///           POOL_WEIGHTS   comma-separated normalized weights, 1e18 = 100%, summing to exactly 1e18
///           POOL_SWAP_FEE  swap fee, 1e18 = 100% (e.g. 3000000000000000 = 0.3%)
///           POOL_NAME, POOL_SYMBOL  the LP token's name and symbol (default "Ballast Weighted Pool", "BWP")
///         forge script script/DeployPool.s.sol --rpc-url $RPC --private-key $KEY --broadcast
contract DeployPool {
    ScriptVm private constant vm = ScriptVm(address(uint160(uint256(keccak256("hevm cheat code")))));

    struct PoolSpec {
        string name;
        string symbol;
        IERC20[] tokens;
        uint256[] weights;
        uint256 swapFee;
    }

    /// @notice Reads the environment and deploys; see the contract's notes for the variables.
    /// @return factory the factory used (new or reused)
    /// @return pool the new pool, or address(0) when POOL_TOKENS is unset
    function run() external returns (WeightedPoolFactory factory, address pool) {
        address[] memory tokens = vm.envOr("POOL_TOKENS", ",", new address[](0));
        PoolSpec memory spec;
        if (tokens.length > 0) {
            spec = PoolSpec({
                name: vm.envOr("POOL_NAME", string("Ballast Weighted Pool")),
                symbol: vm.envOr("POOL_SYMBOL", string("BWP")),
                tokens: _asTokens(tokens),
                weights: vm.envUint("POOL_WEIGHTS", ","),
                swapFee: vm.envUint("POOL_SWAP_FEE")
            });
        }
        vm.startBroadcast();
        (factory, pool) = deploy(WeightedPoolFactory(vm.envOr("FACTORY", address(0))), spec);
        vm.stopBroadcast();
    }

    /// @notice Deploys a factory when `existing` is zero, then the pool `spec` describes when it names tokens.
    ///         The pool constructor validates the spec and reverts with its own custom error.
    function deploy(WeightedPoolFactory existing, PoolSpec memory spec)
        public
        returns (WeightedPoolFactory factory, address pool)
    {
        factory = address(existing) == address(0) ? new WeightedPoolFactory() : existing;
        if (spec.tokens.length > 0) {
            pool = factory.create(spec.name, spec.symbol, spec.tokens, spec.weights, spec.swapFee);
        }
    }

    function _asTokens(address[] memory addresses) private pure returns (IERC20[] memory tokens) {
        assembly ("memory-safe") {
            tokens := addresses
        }
    }
}
