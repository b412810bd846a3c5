// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
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
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {WeightedPoolVenue} from "../../src/vault/WeightedPoolVenue.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice The real stack: four tokens (18, 6, 8, 12 decimals), a 25/25/25/25 WeightedPool seeded at the oracle
///         prices with $20M a token, a PriceRouter with two ChainlinkAdapters (over MockAggregators) per asset,
///         the WeightedPoolVenue, and a vault holding $1M at 25% each. An hour of pool history is recorded so
///         30-minute TWAPs are available; feeds are refreshed after every warp.
abstract contract VaultIntegrationFixture is Test {
    address internal constant GUARDIAN = address(0x6A);
    address internal constant KEEPER = address(0x4B);
    address internal constant ALICE = address(0xA11CE);
    uint256 internal constant DELAY = 1 days;
    uint256 internal constant POOL_DEPTH = 20_000_000e18; // numeraire per token
    uint256 internal constant FEE = 3e15;

    MockERC20[] internal tokens;
    address[] internal assetList;
    uint256[] internal prices; // 18-dec numeraire per whole token
    MockAggregator[][] internal feeds; // two per asset
    PriceRouter internal router;
    WeightedPool internal pool;
    WeightedPoolVenue internal venue;
    RebalancingVault internal vault;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        uint8[4] memory dec = [18, 6, 8, 12];
        uint256[4] memory px = [uint256(2000e18), 1e18, 30_000e18, 10e18];
        router = new PriceRouter(address(this));
        for (uint256 i; i < 4; ++i) {
            MockERC20 t = new MockERC20("Asset", "AST", dec[i]);
            tokens.push(t);
            assetList.push(address(t));
            prices.push(px[i]);
            _addFeeds(address(t), px[i]);
        }
        _createPool();
        venue = new WeightedPoolVenue(IWeightedPool(address(pool)));
        vault = new RebalancingVault(
            "Ballast Vault",
            "bVLT",
            IPriceRouter(address(router)),
            assetList,
            _quarters(),
            params(),
            address(this),
            GUARDIAN,
            DELAY
        );
        // the deployment's hand-over: the vault takes its router, allows the venue and adds the keeper, all through one
        // round of its timelock (it takes no deposit before it owns the router)
        router.transferOwnership(address(vault));
        bytes[3] memory calls = [
            abi.encodeCall(router.acceptOwnership, ()),
            abi.encodeCall(IRebalancingVault.setVenue, (address(venue), true)),
            abi.encodeCall(IRebalancingVault.setKeeper, (KEEPER, true))
        ];
        address[3] memory targets = [address(router), address(vault), address(vault)];
        for (uint256 k; k < 3; ++k) {
            vault.propose(targets[k], calls[k]);
        }
        _advance(DELAY);
        for (uint256 k; k < 3; ++k) {
            vault.execute(targets[k], calls[k], k + 1);
        }
        _seedVault();
    }

    function params() internal pure returns (IRebalancingVault.Params memory) {
        return IRebalancingVault.Params({
            band: 5e16,
            mode: IRebalancingVault.DriftMode.BAND,
            interval: 7 days,
            cooldown: 1 hours,
            maxSlippage: 1e16,
            maxTradeFraction: 2e17,
            twapWindow: 30 minutes,
            maxSpotTwapDeviation: 2e16,
            maxOracleVenueDeviation: 2e16,
            singleAssetFee: 3e15
        });
    }

    function _quarters() internal pure returns (uint256[] memory w) {
        w = new uint256[](4);
        (w[0], w[1], w[2], w[3]) = (25e16, 25e16, 25e16, 25e16);
    }

    function _addFeeds(address asset, uint256 price) internal {
        MockAggregator[] memory pair = new MockAggregator[](2);
        IPriceSource[] memory sources = new IPriceSource[](2);
        for (uint256 k; k < 2; ++k) {
            pair[k] = new MockAggregator(8);
            pair[k].setAnswer(int256(price / 1e10));
            sources[k] = new ChainlinkAdapter(
                asset, AggregatorV3Interface(address(pair[k])), 1 hours, AggregatorV3Interface(address(0)), 0
            );
        }
        feeds.push(pair);
        router.setSources(asset, sources, 2, 1e16);
    }

    function _createPool() internal {
        IERC20[] memory t = new IERC20[](4);
        uint256[] memory amounts = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            t[i] = IERC20(assetList[i]);
            amounts[i] = _amountFor(i, POOL_DEPTH);
            tokens[i].mint(address(this), amounts[i]);
        }
        WeightedPoolFactory factory = new WeightedPoolFactory();
        pool = WeightedPool(factory.create("Ballast LP", "BLP", t, _quarters(), FEE));
        for (uint256 i; i < 4; ++i) {
            t[i].approve(address(pool), type(uint256).max);
        }
        pool.joinPool(0, amounts, address(this), type(uint256).max);
        // 2 x (window / 30 s bucket + 2) slots: the ring then guarantees the vault's 30-minute window (the vault refuses
        // a venue that does not)
        pool.increaseObservationCardinality(124);
        _advance(1 hours);
    }

    function _seedVault() internal {
        uint256[] memory amounts = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            amounts[i] = _amountFor(i, 250_000e18);
            tokens[i].mint(ALICE, amounts[i]);
            vm.prank(ALICE);
            tokens[i].approve(address(vault), type(uint256).max);
        }
        vm.prank(ALICE);
        vault.deposit(amounts, 0, ALICE);
    }

    // ---------------------------------------------------------------- helpers

    function _amountFor(uint256 i, uint256 value) internal view returns (uint256) {
        return value * 10 ** tokens[i].decimals() / prices[i];
    }

    function _valueOf(uint256 i, uint256 amount) internal view returns (uint256) {
        return amount * prices[i] / 10 ** tokens[i].decimals();
    }

    /// @dev Moves time and blocks forward and re-publishes every feed at the same prices (fresh rounds).
    function _advance(uint256 seconds_) internal {
        vm.warp(block.timestamp + seconds_);
        vm.roll(block.number + seconds_ / 12 + 1);
        for (uint256 i; i < feeds.length; ++i) {
            for (uint256 k; k < 2; ++k) {
                feeds[i][k].setAnswer(int256(prices[i] / 1e10));
            }
        }
    }

    /// @dev An arbitrageur (this contract, minting what it needs) trades each asset against asset 0 until the pool's
    ///      spot is back at the oracle ratio (equal weights: B0 * Bj is the pair invariant, spot = B0 / Bj scaled).
    function _arbitrage() internal {
        uint256[] memory raw = pool.getBalances();
        uint256 b0 = raw[0] * 10 ** (18 - tokens[0].decimals());
        for (uint256 j = 1; j < 4; ++j) {
            uint256 bj = raw[j] * 10 ** (18 - tokens[j].decimals());
            uint256 target0 = Math.sqrt(b0 * bj / 1e18 * (prices[j] * 1e18 / prices[0]));
            if (target0 > b0 * 10_001 / 10_000) {
                uint256 inRaw = (target0 - b0) * 1e18 / (1e18 - FEE) / 10 ** (18 - tokens[0].decimals());
                tokens[0].mint(address(this), inRaw);
                pool.swapExactIn(assetList[0], assetList[j], inRaw, 0, address(this), type(uint256).max);
            } else if (target0 * 10_001 / 10_000 < b0) {
                uint256 targetJ = b0 * bj / target0;
                uint256 inRaw = (targetJ - bj) * 1e18 / (1e18 - FEE) / 10 ** (18 - tokens[j].decimals());
                tokens[j].mint(address(this), inRaw);
                pool.swapExactIn(assetList[j], assetList[0], inRaw, 0, address(this), type(uint256).max);
            }
            raw = pool.getBalances();
            b0 = raw[0] * 10 ** (18 - tokens[0].decimals());
        }
    }

    function _govern(bytes memory call) internal {
        _govern(address(vault), call);
    }

    /// @dev Adds a keeper as the timelock's execute() would (the path itself is tested in VaultGovernance).
    function _addKeeper(address keeper) internal {
        vm.prank(address(vault));
        vault.setKeeper(keeper, true);
    }

    function _govern(address target, bytes memory call) internal {
        vault.propose(target, call);
        uint256 nonce = vault.proposalCount();
        _advance(DELAY);
        vault.execute(target, call, nonce);
    }

    /// @dev Drift without moving any price: the owner re-targets to 40/20/20/20 (asset 0 underweight by 15%).
    function _retarget() internal {
        uint256[] memory w = new uint256[](4);
        (w[0], w[1], w[2], w[3]) = (40e16, 20e16, 20e16, 20e16);
        _govern(abi.encodeCall(IRebalancingVault.setTargetWeights, (w)));
    }

    function _setParams(IRebalancingVault.Params memory p) internal {
        _govern(abi.encodeCall(IRebalancingVault.setParams, (p)));
    }

    function _leg(uint256 i, uint256 j, uint256 value) internal view returns (IRebalancingVault.Leg[] memory legs) {
        legs = new IRebalancingVault.Leg[](1);
        legs[0] = IRebalancingVault.Leg(address(venue), assetList[i], assetList[j], _amountFor(i, value));
    }
}
