// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {BatchFixture} from "./BatchFixture.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {BatchRebalancer} from "../../src/batch/BatchRebalancer.sol";

/// @notice Listed in a batch as a vault: during its turn it reads the batch's spot and TWAP of its first leg's direction
///         (as a vault's venue checks do) beside the real venue's answers, after moving the pool first when told to
///         (as a vault's own leg on the pool would). It pushes nothing, so the batch clears nothing.
contract VenueProbe {
    BatchRebalancer internal immutable batch;
    IVenue internal immutable venue;
    WeightedPool internal immutable pool;
    uint32 internal immutable window;
    bool internal immutable paramsRevert;
    uint256 internal tradeIn;

    uint256 public batchSpot;
    uint256 public venueSpot;
    uint256 public batchTwap;
    uint256 public venueTwap;
    uint256 public twapGas;
    uint256 public spotGas;

    constructor(BatchRebalancer batch_, IVenue venue_, WeightedPool pool_, uint32 window_, bool paramsRevert_) {
        (batch, venue, pool, window, paramsRevert) = (batch_, venue_, pool_, window_, paramsRevert_);
    }

    /// @dev Sells `amount` of token 0 on the pool at the start of its next turn (it holds the tokens).
    function tradeFirst(IERC20 token, uint256 amount) external {
        token.approve(address(pool), type(uint256).max);
        tradeIn = amount;
    }

    function params() external view returns (IRebalancingVault.Params memory p) {
        require(!paramsRevert, "no params");
        p.twapWindow = window;
    }

    function rebalance(IRebalancingVault.Leg[] calldata legs) external {
        (address base, address quote) = (legs[0].tokenIn, legs[0].tokenOut);
        if (tradeIn != 0) {
            pool.swapExactIn(base, quote, tradeIn, 0, address(this), block.timestamp);
            tradeIn = 0;
        }
        uint256 g = gasleft();
        uint256 spot = batch.spotPrice(base, quote);
        uint256 spotUsed = g - gasleft();
        g = gasleft();
        uint256 twap = batch.twapPrice(base, quote, window);
        uint256 twapUsed = g - gasleft();
        (batchSpot, spotGas, batchTwap, twapGas) = (spot, spotUsed, twap, twapUsed);
        venueSpot = venue.spotPrice(base, quote);
        venueTwap = venue.twapPrice(base, quote, window);
    }
}

/// @notice Listed in a batch as a vault that refuses its turn (a vault whose guards revert).
contract RefusingVault {
    function rebalance(IRebalancingVault.Leg[] calldata) external pure {
        revert("refused");
    }
}

/// @notice The batch's memo of the venue's spot and TWAP (BatchRebalancer._noteLegs): every vault of a batch must read
///         exactly what the venue answers at its turn, memo or not. Each test breaks one condition the memo relies
///         on and shows the vaults still read the venue's current answer.
contract BatchVenueMemoTest is BatchFixture {
    uint32 internal constant WINDOW = 30 minutes;
    uint256 internal constant MOVE = 5_000e18; // of token 0 (500k in the pool) sold on it: its spot moves ~2%

    function _probe(uint32 window, bool paramsRevert) internal returns (VenueProbe p) {
        p = new VenueProbe(batch, IVenue(address(venue)), pool, window, paramsRevert);
    }

    function _order(VenueProbe p, bool alsoDirectLeg) internal view returns (BatchRebalancer.Order memory o) {
        o.vault = address(p);
        o.legs = new IRebalancingVault.Leg[](alsoDirectLeg ? 2 : 1);
        o.legs[0] = IRebalancingVault.Leg(address(batch), assetList[0], assetList[1], 1e18);
        if (alsoDirectLeg) o.legs[1] = IRebalancingVault.Leg(address(venue), assetList[0], assetList[1], 1e18);
    }

    function _run(BatchRebalancer.Order[] memory orders) internal {
        vm.prank(OPERATOR);
        bool[] memory ok = batch.rebalanceBatch(orders);
        for (uint256 i; i < ok.length; ++i) {
            vm.assertTrue(ok[i], "probe ran");
        }
    }

    function _assertReadsVenue(VenueProbe p, string memory what) internal view {
        vm.assertEq(p.batchSpot(), p.venueSpot(), string.concat(what, ": spot"));
        vm.assertEq(p.batchTwap(), p.venueTwap(), string.concat(what, ": twap"));
    }

    /// @dev Three vaults trading one direction: all three read the venue's exact answers, from the memo (a read costs a
    ///      fraction of a lone vault's, which reads the venue).
    function test_memo_equalsTheVenue_andIsCheap() public {
        VenueProbe alone = _probe(WINDOW, false);
        BatchRebalancer.Order[] memory one = new BatchRebalancer.Order[](1);
        one[0] = _order(alone, false);
        _run(one);
        _assertReadsVenue(alone, "alone");

        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](3);
        VenueProbe[3] memory p;
        for (uint256 i; i < 3; ++i) {
            p[i] = _probe(WINDOW, false);
            orders[i] = _order(p[i], false);
        }
        _run(orders);
        for (uint256 i; i < 3; ++i) {
            _assertReadsVenue(p[i], "fleet");
            vm.assertLt(p[i].twapGas() * 4, alone.twapGas(), "TWAP from the memo");
            vm.assertLt(p[i].spotGas() * 2, alone.spotGas(), "spot from the memo");
        }
    }

    /// @dev A batch with a leg that does not cross (a vault's own leg on the pool) may move the venue before a later
    ///      vault's turn: the first probe moves the pool, and the ones after it read the moved spot, not the one the
    ///      batch found. Without the every-leg-crosses condition they would read a stale memo.
    function test_spotMemo_off_whenALegDoesNotCross() public {
        VenueProbe[3] memory p;
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](3);
        for (uint256 i; i < 3; ++i) {
            p[i] = _probe(WINDOW, false);
            orders[i] = _order(p[i], i == 0);
        }
        uint256 before = venue.spotPrice(assetList[0], assetList[1]);
        tokens[0].mint(address(p[0]), MOVE);
        p[0].tradeFirst(IERC20(assetList[0]), MOVE);
        _run(orders);
        for (uint256 i; i < 3; ++i) {
            _assertReadsVenue(p[i], "after a direct trade");
            vm.assertLt(p[i].batchSpot(), before, "the moved spot");
        }
    }

    /// @dev Two batches in one transaction with a trade between them: the second batch's vault (alone in its
    ///      direction, so nothing rewrites the memo) reads the moved spot. The memo belongs to the batch that wrote it
    ///      (its epoch); reused, it would be the first batch's spot.
    function test_spotMemo_notReusedByALaterBatch() public {
        BatchRebalancer.Order[] memory first = new BatchRebalancer.Order[](2);
        BatchRebalancer.Order[] memory second = new BatchRebalancer.Order[](1);
        VenueProbe[3] memory p;
        for (uint256 i; i < 3; ++i) {
            p[i] = _probe(WINDOW, false);
            if (i < 2) first[i] = _order(p[i], false);
            else second[0] = _order(p[i], false);
        }
        _run(first);
        uint256 found = p[0].batchSpot();
        tokens[0].mint(address(this), MOVE);
        IERC20(assetList[0]).approve(address(pool), MOVE);
        pool.swapExactIn(assetList[0], assetList[1], MOVE, 0, address(this), block.timestamp);
        _run(second);
        _assertReadsVenue(p[2], "second batch");
        vm.assertLt(p[2].batchSpot(), found, "the spot after the trade");
    }

    /// @dev Once a vault of the batch failed, later crossing legs trade alone on the venue at their vault's turn (the
    ///      batch runs flat): a real vault does so after the refusal, and the probe after it reads the spot that trade
    ///      left, not the memo. Every leg crosses here, so only the flat condition keeps the memo out.
    function test_spotMemo_off_onceAVaultFailed() public {
        uint256[] memory v0 = new uint256[](1);
        uint256[] memory v1 = new uint256[](1);
        (v0[0], v1[0]) = (600_000e18, 400_000e18); // overweight WETH: sells token 0 for token 1, as the probes
        _deployFleet(v0, v1);
        VenueProbe first = _probe(WINDOW, false);
        VenueProbe last = _probe(WINDOW, false);
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](4);
        orders[0] = _order(first, false);
        orders[1] = BatchRebalancer.Order(address(new RefusingVault()), _order(first, false).legs);
        orders[2] = _order(vaults[0]);
        orders[3] = _order(last, false);
        vm.assertEq(orders[2].legs[0].tokenIn, assetList[0], "the vault sells token 0");
        vm.prank(OPERATOR);
        bool[] memory ok = batch.rebalanceBatch(orders);
        vm.assertTrue(ok[0] && !ok[1] && ok[2] && ok[3], "only the refusing vault failed");
        _assertReadsVenue(last, "after the flat trade");
        vm.assertLt(last.batchSpot(), first.batchSpot(), "the vault's lone trade moved the spot");
    }

    /// @dev The memo holds one window per direction: a vault with another window reads the venue, and gets its own
    ///      window's TWAP.
    function test_twapMemo_otherWindowReadsTheVenue() public {
        VenueProbe[3] memory p;
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](3);
        for (uint256 i; i < 3; ++i) {
            p[i] = _probe(i == 2 ? 20 minutes : WINDOW, false);
            orders[i] = _order(p[i], false);
        }
        // move the pool an hour ago so that the two windows' TWAPs differ
        tokens[0].mint(address(this), MOVE);
        IERC20(assetList[0]).approve(address(pool), MOVE);
        pool.swapExactIn(assetList[0], assetList[1], MOVE, 0, address(this), block.timestamp);
        _advance(25 minutes);
        _run(orders);
        for (uint256 i; i < 3; ++i) {
            _assertReadsVenue(p[i], "per window");
        }
        vm.assertNotEq(p[2].batchTwap(), p[0].batchTwap(), "two windows, two TWAPs");
        vm.assertGt(p[2].twapGas(), p[1].twapGas() * 4, "the other window read the venue");
    }

    /// @dev A window shorter than any vault may use (VaultConfig.MIN_TWAP_WINDOW) is not memoized: a Ballast pool's TWAP
    ///      over less than its 30-second oracle bucket can move inside a block (WeightedPoolOracle shows it), so
    ///      listed contracts declaring one read the venue each time; the spot is still memoized.
    function test_twapMemo_skipsWindowsNoVaultMayUse() public {
        VenueProbe[3] memory p;
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](3);
        for (uint256 i; i < 3; ++i) {
            p[i] = _probe(10 seconds, false);
            orders[i] = _order(p[i], false);
        }
        _run(orders);
        for (uint256 i; i < 3; ++i) {
            _assertReadsVenue(p[i], "short window");
        }
        vm.assertGt(p[2].twapGas(), 4 * p[2].spotGas(), "the TWAP was read from the venue, the spot from the memo");
    }

    /// @dev A listed contract whose params() reverts at the direction's second leg cannot revert the batch: the
    ///      direction is left unmemoized and every vault reads the venue.
    function test_memo_brokenParams_cannotRevertTheBatch() public {
        VenueProbe[3] memory p;
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](3);
        for (uint256 i; i < 3; ++i) {
            p[i] = _probe(WINDOW, i == 1);
            orders[i] = _order(p[i], false);
        }
        _run(orders);
        for (uint256 i; i < 3; ++i) {
            _assertReadsVenue(p[i], "unmemoized");
        }
        vm.assertGt(p[2].twapGas(), 4 * p[2].spotGas(), "the TWAP was read from the venue, the spot from the memo");
    }
}
