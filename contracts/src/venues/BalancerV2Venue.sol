// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IVenue} from "../interfaces/IVenue.sol";
import {IBalancerV2Vault, IBalancerV2WeightedPool} from "./external/IBalancerV2.sol";
import {ReserveMath} from "../libraries/ReserveMath.sol";

/// @title IVenue over one Balancer V2 weighted pool (2 tokens or more)
/// @notice Swaps with `Vault.swap` (GIVEN_IN) as the sender of the tokens pushed to it, the recipient paid directly by
///         the Balancer Vault, the caller's min-out as the swap's limit and this block as its deadline.
/// @dev Allowance: the Balancer Vault is approved for the maximum once per token, on the first swap that needs it.
///      That is safe because this contract holds nothing between transactions and approves no relayer, and only
///      `funds.sender == msg.sender` (or its relayer) may make the Balancer Vault pull from it.
///      TWAP: none (`guaranteedWindow() == 0`): Balancer V2 weighted pools keep no usable oracle, so a vault records
///      this venue as spot-only and checks its spot against the oracle on every leg.
contract BalancerV2Venue is IVenue {
    using SafeERC20 for IERC20;

    IBalancerV2Vault public immutable vault;
    bytes32 public immutable poolId;
    IBalancerV2WeightedPool public immutable pool;

    error ZeroVault();
    /// @notice `token` is not one of the pool's tokens.
    error NotPoolToken(address token);
    error SameToken(address token);
    error ZeroAmountIn();

    /// @notice The Balancer Vault was approved for the maximum of `token` (once per token).
    event VaultApproved(address indexed token);

    constructor(address vault_, bytes32 poolId_) {
        if (vault_ == address(0)) revert ZeroVault();
        vault = IBalancerV2Vault(vault_);
        poolId = poolId_;
        (address poolAddress,) = IBalancerV2Vault(vault_).getPool(poolId_); // BAL#500 for an unregistered id
        pool = IBalancerV2WeightedPool(poolAddress);
    }

    /// @inheritdoc IVenue
    /// @dev The Balancer Vault enforces `minAmountOut` as the swap's limit (BAL#507 below it), checks the tokens are
    ///      the pool's (BAL#521), and refuses an input above 30% of the pool's balance (BAL#304, the weighted pool's
    ///      max in-ratio): a pool too shallow for the leg reverts rather than fills.
    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut)
    {
        if (amountIn == 0) revert ZeroAmountIn();
        if (IERC20(tokenIn).allowance(address(this), address(vault)) < amountIn) {
            IERC20(tokenIn).forceApprove(address(vault), type(uint256).max);
            emit VaultApproved(tokenIn);
        }
        amountOut = vault.swap(
            IBalancerV2Vault.SingleSwap(poolId, IBalancerV2Vault.SwapKind.GIVEN_IN, tokenIn, tokenOut, amountIn, ""),
            IBalancerV2Vault.FundManagement(address(this), false, payable(recipient), false),
            minAmountOut,
            block.timestamp
        );
    }

    /// @inheritdoc IVenue
    /// @dev `queryBatchSwap` runs the real swap inside the Balancer Vault and reverts it, so the quote is exact to the
    ///      wei (the pool's own fee, scaling and power math). Not view: call it with eth_call.
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external returns (uint256) {
        if (amountIn == 0) revert ZeroAmountIn();
        IBalancerV2Vault.BatchSwapStep[] memory steps = new IBalancerV2Vault.BatchSwapStep[](1);
        steps[0] = IBalancerV2Vault.BatchSwapStep(poolId, 0, 1, amountIn, "");
        address[] memory assets = new address[](2);
        (assets[0], assets[1]) = (tokenIn, tokenOut);
        int256[] memory deltas = vault.queryBatchSwap(
            IBalancerV2Vault.SwapKind.GIVEN_IN,
            steps,
            assets,
            IBalancerV2Vault.FundManagement(address(this), false, payable(address(this)), false)
        );
        return uint256(-deltas[1]);
    }

    /// @inheritdoc IVenue
    /// @dev (balanceQuote / weightQuote) / (balanceBase / weightBase) in whole tokens: the weighted pool's marginal
    ///      price before its swap fee.
    function spotPrice(address base, address quote) external view returns (uint256) {
        if (base == quote) revert SameToken(base);
        (address[] memory tokens, uint256[] memory balances,) = vault.getPoolTokens(poolId);
        uint256[] memory weights = pool.getNormalizedWeights();
        uint256 b = _indexOf(tokens, base);
        uint256 q = _indexOf(tokens, quote);
        return ReserveMath.weightedSpotDown(balances[b], _unit(base), weights[b], balances[q], _unit(quote), weights[q]);
    }

    /// @inheritdoc IVenue
    /// @dev This venue: it forwards what it holds.
    function payee() external view returns (address) {
        return address(this);
    }

    /// @inheritdoc IVenue
    /// @dev Always reverts: a Balancer V2 weighted pool keeps no oracle.
    function twapPrice(address, address, uint32) external pure returns (uint256) {
        revert TwapUnsupported();
    }

    /// @inheritdoc IVenue
    function guaranteedWindow() external pure returns (uint32) {
        return 0;
    }

    function _indexOf(address[] memory tokens, address token) internal pure returns (uint256) {
        for (uint256 i; i < tokens.length; ++i) {
            if (tokens[i] == token) return i;
        }
        revert NotPoolToken(token);
    }

    function _unit(address token) internal view returns (uint256) {
        return 10 ** IERC20Metadata(token).decimals();
    }
}
