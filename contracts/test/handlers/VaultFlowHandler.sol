// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "../utils/Test.sol";
import {HandlerLog} from "./HandlerLog.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockPriceRouter} from "../mocks/MockPriceRouter.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice Drives a vault whose oracle is off the market by a bounded error, for the two value-extraction rules of
///         issue 13: a depositSingle -> withdraw round trip never gains (at market prices), and no rebalance call
///         both buys and sells one asset. `market` holds the true prices (the venue fills at them); the vault's
///         `oracle` = market * (1 + e_i), |e_i| <= ERROR_BPS.
contract VaultFlowHandler is Test {
    /// @notice The oracle error the round trip must withstand: the router's declared bound (Chainlink's 0.5-1%
    ///         deviation thresholds; the review's attack used 2.08%): the fixture vault declares
    ///         maxOracleVenueDeviation = 2%, which is what its deposit fee floor is priced for.
    uint256 public constant ERROR_BPS = 200;

    RebalancingVault public immutable vault;
    MockPriceRouter public immutable market;
    MockPriceRouter public immutable oracle;
    address public immutable venue;
    MockERC20[] internal tokens;
    address[] internal actors;
    int256[] internal errorBps;

    // properties: must stay zero
    uint256 public roundTripGains; // a round trip came back with more market value than it brought
    uint256 public buyAndSellAccepted; // a rebalance went through with an asset both sold and bought
    uint256 public unexpected; // a round trip reverted
    bytes public lastUnexpectedReason;
    // the largest gain seen and its inputs (the counterexample)
    uint256 public worstGain;
    uint256 public worstGainAsset;
    int256 public worstGainErrorBps;
    uint256 public worstGainValueIn;

    mapping(bytes32 => uint256) public calls;
    mapping(bytes32 => uint256) public successes;
    mapping(bytes32 => uint256) public refusals;

    constructor(
        RebalancingVault vault_,
        MockPriceRouter market_,
        MockPriceRouter oracle_,
        address venue_,
        MockERC20[] memory tokens_
    ) {
        (vault, market, oracle, venue) = (vault_, market_, oracle_, venue_);
        tokens = tokens_;
        actors = [address(0xA1), address(0xA2), address(0xA3)];
        for (uint256 i; i < tokens.length; ++i) {
            errorBps.push(0);
            for (uint256 a; a < actors.length; ++a) {
                vm.prank(actors[a]);
                IERC20(address(tokens[i])).approve(address(vault), type(uint256).max);
            }
        }
    }

    // ---------------------------------------------------------------- rule (a): round trip

    /// @dev depositSingle then withdraw of exactly the shares received; gain measured at market prices.
    function roundTrip(uint256 actorSeed, uint256 assetSeed, uint256 valueSeed) external {
        address actor = actors[actorSeed % actors.length];
        uint256 k = assetSeed % tokens.length;
        uint256 valueIn = bound(valueSeed, 1_000e18, 500_000e18);
        uint256 amount = valueIn * _unit(k) / market.price(address(tokens[k]));
        if (amount == 0) return;
        tokens[k].mint(actor, amount);
        ++calls["roundTrip"];
        vm.startPrank(actor);
        try vault.depositSingle(address(tokens[k]), amount, 0, actor) returns (uint256 shares) {
            uint256[] memory out = vault.withdraw(shares, new uint256[](0), actor);
            ++successes["roundTrip"];
            uint256 valueBack = _marketValue(out);
            uint256 valuePut = amount * market.price(address(tokens[k])) / _unit(k);
            if (valueBack > valuePut + 1) {
                ++roundTripGains;
                if (valueBack - valuePut > worstGain) {
                    (worstGain, worstGainAsset, worstGainErrorBps, worstGainValueIn) =
                    (valueBack - valuePut, k, errorBps[k], valuePut);
                }
            }
        } catch (bytes memory reason) {
            ++unexpected;
            lastUnexpectedReason = reason;
        }
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- rule (b): one call never buys and sells an asset

    /// @dev Two legs through the market venue after the market pushes the vault off target if needed: a wash (sell
    ///      the most overweight asset for the most underweight, then part of that back) or an honest split (the most
    ///      overweight into the two most underweight). A guard may refuse either; a wash that goes through breaks
    ///      the rule.
    function rebalanceTwoLegs(uint256 sizeSeed, uint256 backSeed, bool wash) external {
        vm.warp(block.timestamp + vault.params().cooldown);
        (uint256 over, uint256 under, uint256 under2, uint256 d) = _offTarget(sizeSeed);
        uint256 nav = vault.nav();
        uint256 cap = nav * vault.params().maxTradeFraction / 1e18;
        uint256 value = nav * d / 1e18 * bound(sizeSeed, 50, 100) / 100;
        if (value > cap / 2) value = cap / 2;
        IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](2);
        legs[0] = _leg(over, under, value / (wash ? 1 : 2));
        legs[1] = wash ? _leg(under, over, value * bound(backSeed, 30, 90) / 100) : _leg(over, under2, value / 2);
        bytes32 kind = wash ? bytes32("rebalanceWash") : bytes32("rebalanceSplit");
        ++calls[kind];
        try vault.rebalance(legs) {
            ++successes[kind];
            if (_buysAndSellsOneAsset(legs)) ++buyAndSellAccepted;
        } catch (bytes memory reason) {
            if (reason.length >= 4) ++refusals[kind];
            else ++unexpected;
        }
    }

    // ---------------------------------------------------------------- world

    function deposit(uint256 actorSeed, uint256 valueSeed) external {
        address actor = actors[actorSeed % actors.length];
        uint256 value = bound(valueSeed, 1_000e18, 500_000e18);
        uint256[] memory amounts = new uint256[](tokens.length);
        for (uint256 i; i < tokens.length; ++i) {
            amounts[i] = value * _unit(i) / market.price(address(tokens[i]));
            tokens[i].mint(actor, amounts[i]);
        }
        vm.prank(actor);
        vault.deposit(amounts, 0, actor);
    }

    /// @dev Sets asset i's oracle error to e in [-ERROR_BPS, +ERROR_BPS].
    function setOracleError(uint256 assetSeed, uint256 errorSeed) external {
        uint256 i = assetSeed % tokens.length;
        errorBps[i] = int256(bound(errorSeed, 0, 2 * ERROR_BPS)) - int256(ERROR_BPS);
        _syncOracle(i);
    }

    function movePrice(uint256 assetSeed, uint256 bpsSeed) external {
        uint256 i = assetSeed % tokens.length;
        uint256 p = market.price(address(tokens[i])) * bound(bpsSeed, 8000, 12_500) / 10_000;
        if (p < _base(i) / 4 || p > _base(i) * 4) return;
        market.setPrice(address(tokens[i]), p);
        _syncOracle(i);
    }

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 1 days));
    }

    function logCounts() external view {
        HandlerLog.log(
            string.concat(
                "vault flow handler (calls/ok):",
                _counts("roundTrip"),
                _counts("rebalanceWash"),
                _counts("rebalanceSplit"),
                ", worst round-trip gain (wei) ",
                vm.toString(worstGain)
            )
        );
    }

    /// @dev " kind calls/successes", for the log line.
    function _counts(string memory kind) private view returns (string memory) {
        bytes32 key = bytes32(bytes(kind));
        return string.concat(" ", kind, " ", vm.toString(calls[key]), "/", vm.toString(successes[key]));
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Pushes one asset's market (and oracle) price x2 or x0.5 if no rebalance is due, then returns the most
    ///      overweight asset, the two most underweight, and the drift.
    function _offTarget(uint256 seed) internal returns (uint256 over, uint256 under, uint256 under2, uint256 d) {
        (d,) = vault.drift();
        if (d <= vault.params().band) {
            uint256 i = seed % tokens.length;
            uint256 p = market.price(address(tokens[i]));
            bool up = p * 2 <= _base(i) * 4;
            market.setPrice(address(tokens[i]), up ? p * 2 : p / 2);
            _syncOracle(i);
        }
        int256[] memory dev;
        (d, dev) = vault.drift();
        for (uint256 i = 1; i < dev.length; ++i) {
            if (dev[i] > dev[over]) over = i;
        }
        under = over == 0 ? 1 : 0;
        for (uint256 i; i < dev.length; ++i) {
            if (i != over && dev[i] < dev[under]) under = i;
        }
        while (under2 == over || under2 == under) ++under2;
        for (uint256 i; i < dev.length; ++i) {
            if (i != over && i != under && dev[i] < dev[under2]) under2 = i;
        }
    }

    function _leg(uint256 i, uint256 j, uint256 value) internal view returns (IRebalancingVault.Leg memory) {
        uint256 amountIn = value * _unit(i) / oracle.price(address(tokens[i]));
        return IRebalancingVault.Leg(venue, address(tokens[i]), address(tokens[j]), amountIn);
    }

    function _buysAndSellsOneAsset(IRebalancingVault.Leg[] memory legs) internal pure returns (bool) {
        for (uint256 a; a < legs.length; ++a) {
            for (uint256 b; b < legs.length; ++b) {
                if (legs[a].tokenIn == legs[b].tokenOut) return true;
            }
        }
        return false;
    }

    function _syncOracle(uint256 i) internal {
        address t = address(tokens[i]);
        oracle.setPrice(t, uint256(int256(market.price(t)) * (10_000 + errorBps[i]) / 10_000));
    }

    function _marketValue(uint256[] memory amounts) internal view returns (uint256 v) {
        for (uint256 i; i < amounts.length; ++i) {
            v += amounts[i] * market.price(address(tokens[i])) / _unit(i);
        }
    }

    function _unit(uint256 i) internal view returns (uint256) {
        return 10 ** tokens[i].decimals();
    }

    function _base(uint256 i) internal pure returns (uint256) {
        return [uint256(2000e18), 1e18, 30_000e18, 1e18][i];
    }
}
