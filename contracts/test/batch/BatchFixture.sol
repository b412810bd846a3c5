// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Test} from "../utils/Test.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {WeightedPoolFactory} from "../../src/pool/WeightedPoolFactory.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {IPriceRouter} from "../../src/interfaces/IPriceRouter.sol";
import {IWeightedPool} from "../../src/interfaces/IWeightedPool.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {WeightedPoolVenue} from "../../src/vault/WeightedPoolVenue.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {BatchRebalancer} from "../../src/batch/BatchRebalancer.sol";

/// @notice A fleet on the real stack: WETH-like (18 decimals, 2,000) and USDC-like (6 decimals, 1) in a 50/50
///         WeightedPool ($1B a side, 0.3% fee), two Chainlink adapters per asset shared by every vault's own
///         PriceRouter (so all routers report identical prices, as a fund's fleet on the same feeds does), the
///         WeightedPoolVenue, and a BatchRebalancer over it. Each vault is 50/50 by target, allows both the venue and
///         the batch as venues and has two keepers: the batch and KEEPER (an EOA, for the lone-trade baselines).
abstract contract BatchFixture is Test {
    address internal constant GUARDIAN = address(0x6A);
    address internal constant KEEPER = address(0x4B);
    address internal constant OPERATOR = address(0x0BE);
    address internal constant ALICE = address(0xA11CE);
    uint256 internal constant DELAY = 1 days;
    uint256 internal constant POOL_DEPTH = 1_000_000_000e18;
    uint256 internal constant FEE = 3e15;

    MockERC20[2] internal tokens;
    address[] internal assetList;
    uint256[2] internal prices = [uint256(2000e18), 1e18];
    MockAggregator[] internal feeds;
    IPriceSource[][2] internal sources;
    WeightedPool internal pool;
    WeightedPoolVenue internal venue;
    BatchRebalancer internal batch;
    RebalancingVault[] internal vaults;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        tokens[0] = new MockERC20("Wrapped Ether", "WETH", 18);
        tokens[1] = new MockERC20("USD Coin", "USDC", 6);
        for (uint256 i; i < 2; ++i) {
            assetList.push(address(tokens[i]));
            for (uint256 k; k < 2; ++k) {
                MockAggregator feed = new MockAggregator(8);
                feed.setAnswer(int256(prices[i] / 1e10));
                feeds.push(feed);
                sources[i].push(
                    new ChainlinkAdapter(
                        address(tokens[i]), AggregatorV3Interface(address(feed)), 1 hours, AggregatorV3Interface(address(0)), 0
                    )
                );
            }
        }
        _createPool();
        venue = new WeightedPoolVenue(IWeightedPool(address(pool)));
        batch = new BatchRebalancer(IVenue(address(venue)), address(this));
        batch.setOperator(OPERATOR, true);
    }

    function params() internal pure returns (IRebalancingVault.Params memory) {
        return IRebalancingVault.Params({
            band: 5e16,
            mode: IRebalancingVault.DriftMode.BAND,
            interval: 7 days,
            cooldown: 1 hours,
            maxSlippage: 1e16,
            maxTradeFraction: 3e17,
            twapWindow: 30 minutes,
            maxSpotTwapDeviation: 2e16,
            maxOracleVenueDeviation: 2e16,
            singleAssetFee: 3e15
        });
    }

    /// @dev `count` vaults through one round of their timelocks; vault k then takes a first deposit of
    ///      `value0[k]` of asset 0 and `value1[k]` of asset 1 (numeraire), which sets its drift.
    function _deployFleet(uint256[] memory value0, uint256[] memory value1) internal {
        uint256 first = vaults.length;
        for (uint256 k; k < value0.length; ++k) {
            vaults.push(_newVault());
        }
        _advance(DELAY);
        for (uint256 k = first; k < vaults.length; ++k) {
            RebalancingVault v = vaults[k];
            for (uint256 c; c < 5; ++c) {
                (address target, bytes memory call) = _setupCall(v, c);
                v.execute(target, call, c + 1);
            }
            _seed(v, value0[k - first], value1[k - first]);
        }
    }

    function _newVault() private returns (RebalancingVault v) {
        PriceRouter router = new PriceRouter(address(this));
        for (uint256 i; i < 2; ++i) {
            router.setSources(assetList[i], sources[i], 2, 1e16);
        }
        uint256[] memory w = new uint256[](2);
        (w[0], w[1]) = (5e17, 5e17);
        v = new RebalancingVault(
            "Ballast Vault", "bVLT", IPriceRouter(address(router)), assetList, w, params(), address(this), GUARDIAN, DELAY
        );
        router.transferOwnership(address(v));
        for (uint256 c; c < 5; ++c) {
            (address target, bytes memory call) = _setupCall(v, c);
            v.propose(target, call);
        }
    }

    function _setupCall(RebalancingVault v, uint256 c) private view returns (address target, bytes memory call) {
        if (c == 0) return (v.priceRouter(), abi.encodeWithSignature("acceptOwnership()"));
        target = address(v);
        if (c == 1) call = abi.encodeCall(IRebalancingVault.setVenue, (address(venue), true));
        if (c == 2) call = abi.encodeCall(IRebalancingVault.setVenue, (address(batch), true));
        if (c == 3) call = abi.encodeCall(IRebalancingVault.setKeeper, (address(batch), true));
        if (c == 4) call = abi.encodeCall(IRebalancingVault.setKeeper, (KEEPER, true));
    }

    function _seed(RebalancingVault v, uint256 value0, uint256 value1) private {
        uint256[] memory amounts = new uint256[](2);
        amounts[0] = _amountFor(0, value0);
        amounts[1] = _amountFor(1, value1);
        for (uint256 i; i < 2; ++i) {
            tokens[i].mint(ALICE, amounts[i]);
            vm.prank(ALICE);
            tokens[i].approve(address(v), type(uint256).max);
        }
        vm.prank(ALICE);
        v.deposit(amounts, 0, ALICE);
    }

    function _createPool() private {
        IERC20[] memory t = new IERC20[](2);
        uint256[] memory amounts = new uint256[](2);
        uint256[] memory w = new uint256[](2);
        for (uint256 i; i < 2; ++i) {
            t[i] = IERC20(assetList[i]);
            amounts[i] = _amountFor(i, POOL_DEPTH);
            w[i] = 5e17;
            tokens[i].mint(address(this), amounts[i]);
        }
        pool = WeightedPool(new WeightedPoolFactory().create("Ballast LP", "BLP", t, w, FEE));
        for (uint256 i; i < 2; ++i) {
            t[i].approve(address(pool), type(uint256).max);
        }
        pool.joinPool(0, amounts, address(this), type(uint256).max);
        pool.increaseObservationCardinality(124);
        _advance(1 hours);
    }

    // ---------------------------------------------------------------- helpers

    function _amountFor(uint256 i, uint256 value) internal view returns (uint256) {
        return value * 10 ** tokens[i].decimals() / prices[i];
    }

    function _advance(uint256 seconds_) internal {
        vm.warp(block.timestamp + seconds_);
        vm.roll(block.number + seconds_ / 12 + 1);
        for (uint256 f; f < feeds.length; ++f) {
            feeds[f].setAnswer(int256(prices[f / 2] / 1e10));
        }
    }

    /// @dev The leg that brings `v` back to 50/50 at oracle prices through `through` (the batch or the venue).
    function _planLeg(RebalancingVault v, address through) internal view returns (IRebalancingVault.Leg[] memory legs) {
        uint256[] memory bal = v.balances();
        uint256 value0 = bal[0] * prices[0] / 1e18;
        uint256 value1 = bal[1] * prices[1] / 1e6;
        legs = new IRebalancingVault.Leg[](1);
        if (value0 > value1) {
            legs[0] = IRebalancingVault.Leg(through, assetList[0], assetList[1], _amountFor(0, (value0 - value1) / 2));
        } else {
            legs[0] = IRebalancingVault.Leg(through, assetList[1], assetList[0], _amountFor(1, (value1 - value0) / 2));
        }
    }

    function _order(RebalancingVault v) internal view returns (BatchRebalancer.Order memory) {
        return BatchRebalancer.Order(address(v), _planLeg(v, address(batch)));
    }

    function _orders(uint256 from, uint256 to) internal view returns (BatchRebalancer.Order[] memory orders) {
        orders = new BatchRebalancer.Order[](to - from);
        for (uint256 k = from; k < to; ++k) {
            orders[k - from] = _order(vaults[k]);
        }
    }

    function _count(bool[] memory ok) internal pure returns (uint256 c) {
        for (uint256 i; i < ok.length; ++i) {
            if (ok[i]) ++c;
        }
    }

    /// @dev What `v` bought in its rebalance: the balance of the asset it was short of.
    function _bought(RebalancingVault v, IRebalancingVault.Leg[] memory legs, uint256[] memory before)
        internal
        view
        returns (uint256)
    {
        uint256 j = legs[0].tokenOut == assetList[0] ? 0 : 1;
        return v.balances()[j] - before[j];
    }
}
