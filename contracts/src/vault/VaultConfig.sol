// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IRebalancingVault} from "../interfaces/IRebalancingVault.sol";

/// @title Bounds of the vault's governable settings
/// @notice Every setting the owner can change through the timelock is checked here, both when the change is proposed
///         and when it executes. The bounds keep even a hostile owner from switching a guard fully off in one step
///         (the timelock then gives investors the delay to withdraw).
library VaultConfig {
    uint256 internal constant ONE = 1e18;

    uint256 internal constant MIN_BAND = 1e15; // 0.1%
    uint256 internal constant MAX_BAND = 5e17; // 50%
    uint256 internal constant MIN_INTERVAL = 1 hours;
    uint256 internal constant MAX_INTERVAL = 365 days;
    uint256 internal constant MIN_COOLDOWN = 1 minutes;
    uint256 internal constant MAX_COOLDOWN = 30 days;
    uint256 internal constant MIN_SLIPPAGE = 1e14; // 0.01%
    uint256 internal constant MAX_SLIPPAGE = 1e17; // 10%
    uint256 internal constant MIN_TRADE_FRACTION = 1e15; // 0.1% of NAV
    uint256 internal constant MAX_TRADE_FRACTION = 1e18;
    uint256 internal constant MIN_TWAP_WINDOW = 5 minutes;
    uint256 internal constant MAX_TWAP_WINDOW = 1 days;
    uint256 internal constant MIN_PRICE_DEVIATION = 1e14; // 0.01%
    uint256 internal constant MAX_PRICE_DEVIATION = 1e18; // 100%: the loosest setting, still a bound
    uint256 internal constant MAX_SINGLE_ASSET_FEE = 1e17; // 10%

    uint256 internal constant MIN_TIMELOCK_DELAY = 1 hours;
    uint256 internal constant MAX_TIMELOCK_DELAY = 30 days;

    uint256 internal constant MIN_ASSETS = 2;
    uint256 internal constant MAX_ASSETS = 8;
    uint8 internal constant MAX_DECIMALS = 18;

    function validateParams(IRebalancingVault.Params memory p) internal pure {
        _check("band", p.band, MIN_BAND, MAX_BAND);
        _check("interval", p.interval, MIN_INTERVAL, MAX_INTERVAL);
        _check("cooldown", p.cooldown, MIN_COOLDOWN, MAX_COOLDOWN);
        _check("maxSlippage", p.maxSlippage, MIN_SLIPPAGE, MAX_SLIPPAGE);
        _check("maxTradeFraction", p.maxTradeFraction, MIN_TRADE_FRACTION, MAX_TRADE_FRACTION);
        _check("twapWindow", p.twapWindow, MIN_TWAP_WINDOW, MAX_TWAP_WINDOW);
        _check("maxSpotTwapDeviation", p.maxSpotTwapDeviation, MIN_PRICE_DEVIATION, MAX_PRICE_DEVIATION);
        _check("maxOracleVenueDeviation", p.maxOracleVenueDeviation, MIN_PRICE_DEVIATION, MAX_PRICE_DEVIATION);
        _check("singleAssetFee", p.singleAssetFee, 0, MAX_SINGLE_ASSET_FEE);
    }

    function validateWeights(uint256[] memory weights, uint256 count) internal pure {
        if (weights.length != count) revert IRebalancingVault.WeightsLengthMismatch(count, weights.length);
        uint256 sum;
        for (uint256 i; i < count; ++i) {
            if (weights[i] == 0) revert IRebalancingVault.ZeroWeight(i);
            sum += weights[i];
        }
        if (sum != ONE) revert IRebalancingVault.WeightsDoNotSumToOne(sum);
    }

    function validateDelay(uint256 delay) internal pure {
        if (delay < MIN_TIMELOCK_DELAY || delay > MAX_TIMELOCK_DELAY) {
            revert IRebalancingVault.TimelockDelayOutOfBounds(delay, MIN_TIMELOCK_DELAY, MAX_TIMELOCK_DELAY);
        }
    }

    function _check(string memory name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert IRebalancingVault.ParamOutOfBounds(name, value, min, max);
    }
}
