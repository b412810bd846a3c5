// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The part of Balancer V2's Vault (balancer-v2-monorepo `pkg/vault/contracts/Swaps.sol`, `PoolTokens.sol`)
///         the venue uses. Assets are token addresses (address(0) would mean ETH, which the venue never passes).
interface IBalancerV2Vault {
    enum SwapKind {
        GIVEN_IN,
        GIVEN_OUT
    }

    struct SingleSwap {
        bytes32 poolId;
        SwapKind kind;
        address assetIn;
        address assetOut;
        uint256 amount;
        bytes userData;
    }

    struct BatchSwapStep {
        bytes32 poolId;
        uint256 assetInIndex;
        uint256 assetOutIndex;
        uint256 amount;
        bytes userData;
    }

    struct FundManagement {
        address sender;
        bool fromInternalBalance;
        address payable recipient;
        bool toInternalBalance;
    }

    function swap(SingleSwap memory singleSwap, FundManagement memory funds, uint256 limit, uint256 deadline)
        external
        payable
        returns (uint256 amountCalculated);

    /// @notice Runs the swaps and reverts internally, returning the Vault's asset deltas (positive: paid in).
    function queryBatchSwap(
        SwapKind kind,
        BatchSwapStep[] memory swaps,
        address[] memory assets,
        FundManagement memory funds
    ) external returns (int256[] memory assetDeltas);

    function getPoolTokens(bytes32 poolId)
        external
        view
        returns (address[] memory tokens, uint256[] memory balances, uint256 lastChangeBlock);

    function getPool(bytes32 poolId) external view returns (address pool, uint8 specialization);
}

/// @notice The part of a Balancer V2 weighted pool the venue reads.
interface IBalancerV2WeightedPool {
    function getNormalizedWeights() external view returns (uint256[] memory);
    function getPoolId() external view returns (bytes32);
}
