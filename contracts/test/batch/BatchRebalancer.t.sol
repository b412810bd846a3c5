// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Vm} from "../utils/Vm.sol";
import {BatchFixture} from "./BatchFixture.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {BatchRebalancer} from "../../src/batch/BatchRebalancer.sol";

/// @notice A contract an operator lists as a "vault": while the batch runs it, it tries to take what it did not bring.
contract GreedyVault {
    BatchRebalancer internal immutable batch;
    address internal immutable router;
    address internal immutable tokenIn;
    address internal immutable tokenOut;
    bool internal immutable reenter;

    constructor(BatchRebalancer batch_, address router_, address tokenIn_, address tokenOut_, bool reenter_) {
        (batch, router, tokenIn, tokenOut, reenter) = (batch_, router_, tokenIn_, tokenOut_, reenter_);
    }

    function priceRouter() external view returns (address) {
        return router;
    }

    /// @dev Claims 1,000 units of input without pushing any, or re-enters the batch entry point.
    function rebalance(IRebalancingVault.Leg[] memory) external {
        if (reenter) {
            batch.rebalanceBatch(new BatchRebalancer.Order[](1));
        } else {
            batch.swapExactIn(tokenIn, tokenOut, 1000e18, 0, address(this));
        }
    }
}

/// @notice A listed contract that really pushes its leg but whose `priceRouter()` is its own: it reports `wethPrice`
///         for `weth` and 1e18 for anything else, or (`router` set) names some other address as its router.
contract SkewedVault {
    BatchRebalancer internal immutable batch;
    address internal immutable weth;
    uint256 internal immutable wethPrice;
    address internal immutable router;

    constructor(BatchRebalancer batch_, address weth_, uint256 wethPrice_, address router_) {
        (batch, weth, wethPrice, router) = (batch_, weth_, wethPrice_, router_);
    }

    function priceRouter() external view returns (address) {
        return router == address(0) ? address(this) : router;
    }

    function getPrice(address asset) external view returns (uint256) {
        return asset == weth ? wethPrice : 1e18;
    }

    function rebalance(IRebalancingVault.Leg[] memory legs) external {
        IERC20(legs[0].tokenIn).transfer(address(batch), legs[0].amountIn);
        batch.swapExactIn(legs[0].tokenIn, legs[0].tokenOut, legs[0].amountIn, 0, address(this));
    }
}

/// @notice A listed contract that pushes its leg's input and asks the batch to swap it for the same token, with a
///         min-out of 1: the venue refuses a same-token swap (its quote fails), so the clearing must send the input
///         back, once.
contract SameTokenVault {
    BatchRebalancer internal immutable batch;

    constructor(BatchRebalancer batch_) {
        batch = batch_;
    }

    function rebalance(IRebalancingVault.Leg[] memory legs) external {
        IERC20(legs[0].tokenIn).transfer(address(batch), legs[0].amountIn);
        batch.swapExactIn(legs[0].tokenIn, legs[0].tokenIn, legs[0].amountIn, 1, address(this));
    }
}

contract BatchRebalancerTest is BatchFixture {
    function setUp() public override {
        super.setUp();
        uint256[] memory v0 = new uint256[](4);
        uint256[] memory v1 = new uint256[](4);
        // vaults 0, 2 overweight WETH (sell it), 1, 3 overweight USDC (buy WETH)
        (v0[0], v1[0]) = (600_000e18, 400_000e18);
        (v0[1], v1[1]) = (420_000e18, 580_000e18);
        (v0[2], v1[2]) = (580_000e18, 420_000e18);
        (v0[3], v1[3]) = (400_000e18, 600_000e18);
        _deployFleet(v0, v1);
    }

    // ---------------------------------------------------------------- who may call

    function test_strangerCannotBatch() public {
        BatchRebalancer.Order[] memory orders = _orders(0, 2);
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(BatchRebalancer.NotOperator.selector, address(0xBAD)));
        batch.rebalanceBatch(orders);
        vm.assertEq(vaults[0].lastRebalance(), 0, "untouched");
    }

    function test_strangerCannotSetOperator() public {
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(0xBAD)));
        batch.setOperator(address(0xBAD), true);
    }

    /// @dev Outside a batch the crossing venue refuses: a vault's other keeper cannot route a leg through it.
    function test_crossingVenueRefusesOutsideBatch() public {
        IRebalancingVault.Leg[] memory legs = _planLeg(vaults[0], address(batch));
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(BatchRebalancer.NotInBatch.selector, address(vaults[0])));
        vaults[0].rebalance(legs);
    }

    /// @dev Someone pushing tokens and calling swapExactIn directly gets nothing: only a vault the batch is running may.
    function test_directSwapRefused() public {
        tokens[0].mint(address(batch), 1e18);
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSelector(BatchRebalancer.NotInBatch.selector, address(0xBAD)));
        batch.swapExactIn(assetList[0], assetList[1], 1e18, 0, address(0xBAD));
    }

    function test_duplicateVaultRefused() public {
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](2);
        orders[0] = _order(vaults[0]);
        orders[1] = _order(vaults[0]);
        vm.prank(OPERATOR);
        vm.expectRevert(abi.encodeWithSelector(BatchRebalancer.DuplicateVault.selector, address(vaults[0])));
        batch.rebalanceBatch(orders);
    }

    // ---------------------------------------------------------------- guards stay the vault's, per vault

    /// @dev The batch holds the keeper role but cannot get a leg past a vault's guard: vault 1's oversized leg reverts
    ///      with the vault's own TradeTooLarge, reported in VaultResult, while vaults 0 and 2 rebalance.
    function test_guardFailureReportedPerVault_othersProceed() public {
        BatchRebalancer.Order[] memory orders = _orders(0, 3);
        orders[1].legs[0].amountIn *= 5; // sells 5x the drift: above maxTradeFraction of NAV
        uint256 nav = vaults[1].nav();
        uint256 value = orders[1].legs[0].amountIn * prices[1] / 1e6;
        bytes memory reason = abi.encodeWithSelector(
            IRebalancingVault.TradeTooLarge.selector, value, nav * params().maxTradeFraction / 1e18
        );
        vm.expectEmit(address(batch));
        emit BatchRebalancer.VaultResult(address(vaults[1]), false, reason);
        vm.prank(OPERATOR);
        uint256 succeeded = _count(batch.rebalanceBatch(orders));
        vm.assertEq(succeeded, 2, "two of three");
        vm.assertGt(vaults[0].lastRebalance(), 0, "vault 0 rebalanced");
        vm.assertEq(vaults[1].lastRebalance(), 0, "vault 1 refused");
        vm.assertGt(vaults[2].lastRebalance(), 0, "vault 2 rebalanced");
        _assertNothingLeft();
    }

    /// @dev A guard the vault checks after its swap (drift must fall) fails for vault 1, whose leg overshoots; by then
    ///      vault 2 had run nested inside vault 1's swap and is rolled back with it, then run again without it.
    function test_postSwapGuardFailure_isolated() public {
        BatchRebalancer.Order[] memory orders = _orders(0, 3);
        orders[1].legs[0].amountIn *= 3; // inside the size cap, but overshoots the target
        vm.prank(OPERATOR);
        bool[] memory ok = batch.rebalanceBatch(orders);
        // the per-order flags survive the roll-back and re-run (what a keeper reads from eth_call)
        vm.assertTrue(ok[0] && !ok[1] && ok[2], "flags: 0 and 2 ok, 1 refused");
        vm.assertGt(vaults[0].lastRebalance(), 0, "vault 0 rebalanced");
        vm.assertEq(vaults[1].lastRebalance(), 0, "vault 1 refused by its own guard");
        vm.assertGt(vaults[2].lastRebalance(), 0, "vault 2 rebalanced");
        _assertNothingLeft();
    }

    /// @dev Griefing bound: every vault of a 12-vault batch fails after its swap (each leg overshoots), so each failure
    ///      rolls back the vaults nested inside it. After the first failure the rest run flat (no nesting): the batch
    ///      stays within one block's gas, where re-running nested would double the work per failure (2^12 runs).
    function test_everyVaultFailingAfterItsSwap_costStaysBounded() public {
        uint256[] memory v0 = new uint256[](8);
        uint256[] memory v1 = new uint256[](8);
        for (uint256 k; k < 8; ++k) {
            (v0[k], v1[k]) = k % 2 == 0 ? (600_000e18, 400_000e18) : (400_000e18, 600_000e18);
        }
        _deployFleet(v0, v1);
        BatchRebalancer.Order[] memory orders = _orders(0, 12);
        for (uint256 k; k < 12; ++k) {
            orders[k].legs[0].amountIn *= 3; // inside the size cap, but every leg overshoots its target
        }
        vm.prank(OPERATOR);
        uint256 g = gasleft();
        bool[] memory ok = batch.rebalanceBatch(orders);
        uint256 used = g - gasleft();
        vm.assertEq(_count(ok), 0, "every vault refused by its own guard");
        vm.assertLt(used, 30_000_000, "within one block's gas");
        _assertNothingLeft();
    }

    /// @dev A vault in cooldown is refused by its own guard in the middle of a netted batch; the others still net.
    function test_cooldownReportedInsideNesting() public {
        vm.prank(OPERATOR);
        batch.rebalanceBatch(_orders(1, 2)); // vault 1 rebalances first, so it is in cooldown
        uint256 next = vaults[1].lastRebalance() + params().cooldown;
        BatchRebalancer.Order[] memory orders = _orders(0, 4);
        vm.expectEmit(address(batch));
        emit BatchRebalancer.VaultResult(
            address(vaults[1]), false, abi.encodeWithSelector(IRebalancingVault.CooldownActive.selector, next)
        );
        vm.prank(OPERATOR);
        vm.assertEq(_count(batch.rebalanceBatch(orders)), 3, "three of four");
        _assertNothingLeft();
    }

    /// @dev A listed contract that claims input it never pushed is refused (InputMissing) and reported; the real
    ///      vaults in the batch and a vault outside it lose nothing.
    function test_listedContractCannotTakeOthersInput() public {
        GreedyVault greedy = new GreedyVault(batch, vaults[0].priceRouter(), assetList[0], assetList[1], false);
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](3);
        orders[0] = _order(vaults[0]);
        orders[1] = BatchRebalancer.Order(address(greedy), new IRebalancingVault.Leg[](0));
        orders[2] = _order(vaults[1]);
        uint256 outsideNav = vaults[3].nav();
        vm.prank(OPERATOR);
        vm.assertEq(_count(batch.rebalanceBatch(orders)), 2, "the two vaults");
        vm.assertEq(tokens[0].balanceOf(address(greedy)) + tokens[1].balanceOf(address(greedy)), 0, "greedy got nothing");
        vm.assertEq(vaults[3].nav(), outsideNav, "vault outside the batch untouched");
        _assertNothingLeft();
    }

    /// @dev An operator's listed contract re-entering the batch entry point is refused (BatchActive).
    function test_reentryRefused() public {
        GreedyVault greedy = new GreedyVault(batch, vaults[0].priceRouter(), assetList[0], assetList[1], true);
        batch.setOperator(address(greedy), true);
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](2);
        orders[0] = _order(vaults[0]);
        orders[1] = BatchRebalancer.Order(address(greedy), new IRebalancingVault.Leg[](0));
        vm.expectEmit(address(batch));
        emit BatchRebalancer.VaultResult(
            address(greedy), false, abi.encodeWithSelector(BatchRebalancer.BatchActive.selector)
        );
        vm.prank(OPERATOR);
        batch.rebalanceBatch(orders);
    }

    // ---------------------------------------------------------------- netting

    /// @dev Vault 0 sells $100k of WETH, vault 1 buys $80k: $80k crosses at the oracle price, only $20k of WETH
    ///      reaches the pool. Each vault does at least as well as alone (measured on the same pool, reverted).
    function test_netting_crossesAtOraclePrice_andBeatsAlone() public {
        uint256[2] memory alone = _aloneOutcomes(0, 2);
        uint256[] memory poolBefore = pool.getBalances();
        uint256[] memory b0 = vaults[0].balances();
        uint256[] memory b1 = vaults[1].balances();
        BatchRebalancer.Order[] memory orders = _orders(0, 2);
        vm.prank(OPERATOR);
        vm.assertEq(_count(batch.rebalanceBatch(orders)), 2, "both");
        uint256 got0 = _bought(vaults[0], orders[0].legs, b0);
        uint256 got1 = _bought(vaults[1], orders[1].legs, b1);
        // vault 1 (the smaller side) is filled at exactly the oracle price
        vm.assertEq(got1, orders[1].legs[0].amountIn * 1e18 * 1e18 / (2000e18 * 1e6), "oracle price");
        vm.assertGt(got0, alone[0], "vault 0 beats alone");
        vm.assertGt(got1, alone[1], "vault 1 beats alone");
        // only the net reached the pool
        uint256[] memory poolAfter = pool.getBalances();
        uint256 netIn = orders[0].legs[0].amountIn - got1;
        vm.assertEq(poolAfter[0] - poolBefore[0], netIn, "pool got only the net WETH");
        _assertNothingLeft();
    }

    /// @dev The residual goes batch -> pool in one Transfer: the batch pushes it to the venue's payee (a
    ///      WeightedPoolVenue names its pool), so the venue never holds a token, and the pool takes the input as
    ///      paid. Fails on the old push to the venue (two WETH transfers: batch -> venue, venue -> pool).
    function test_residual_batchToPoolInOneTransfer_venueHoldsNothing() public {
        vm.assertEq(batch.venuePayee(), address(pool), "the batch pays the venue's pool");
        _assertResidualPaidStraightToPool(0);
    }

    /// @dev The same with a donation of the residual's token (more than the residual) sitting in the pool: the batch
    ///      still pays the residual itself, straight to the pool, and the donation stays there, unaccounted. On the
    ///      old push to the venue the pool would take the donation as payment and the residual would stay in the
    ///      venue, free for the next caller of its swapExactIn.
    function test_residual_withDonationInPool_stillPaidStraightToPool() public {
        _assertResidualPaidStraightToPool(_amountFor(0, 1_000_000e18));
    }

    function _assertResidualPaidStraightToPool(uint256 donation) internal {
        tokens[0].mint(address(pool), donation);
        uint256 surplus = tokens[0].balanceOf(address(pool)) - pool.getBalances()[0];
        uint256[] memory poolBefore = pool.getBalances();
        BatchRebalancer.Order[] memory orders = _orders(0, 2); // vault 0 sells $100k WETH, vault 1 buys $80k
        vm.recordLogs();
        vm.prank(OPERATOR);
        vm.assertEq(_count(batch.rebalanceBatch(orders)), 2, "both");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 residual = pool.getBalances()[0] - poolBefore[0];
        vm.assertGt(residual, 0, "a residual traded on the pool");

        bytes32 transfer = keccak256("Transfer(address,address,uint256)");
        uint256 toPool;
        for (uint256 k; k < logs.length; ++k) {
            if (logs[k].topics.length != 3 || logs[k].topics[0] != transfer) continue;
            address from = address(uint160(uint256(logs[k].topics[1])));
            address to = address(uint160(uint256(logs[k].topics[2])));
            vm.assertTrue(from != address(venue) && to != address(venue), "no transfer touches the venue");
            if (logs[k].emitter != assetList[0] || to != address(pool)) continue;
            ++toPool;
            vm.assertEq(from, address(batch), "from the batch");
            vm.assertEq(abi.decode(logs[k].data, (uint256)), residual, "of the residual");
        }
        vm.assertEq(toPool, 1, "one WETH transfer into the pool");
        vm.assertEq(tokens[0].balanceOf(address(venue)), 0, "the venue holds no WETH");
        vm.assertEq(tokens[1].balanceOf(address(venue)), 0, "the venue holds no USDC");
        vm.assertEq(tokens[0].balanceOf(address(pool)) - pool.getBalances()[0], surplus, "the donation is untouched");
        vm.assertEq(tokens[1].balanceOf(address(pool)), pool.getBalances()[1], "the pool accounts what it holds");
        _assertNothingLeft();
    }

    /// @dev Two listed contracts each push a WETH -> WETH fill (a vault refuses such a leg, a listed contract need not):
    ///      their pair is one-sided (a fill trading x for x is the same direction as its leader's, not the opposite),
    ///      so the clearing sends each input back once, and the WETH someone left in the batch stays there. Fails on
    ///      the assembly _pairs of 39e751c, whose "same direction" and "opposite direction" tests both match when
    ///      tokenIn == tokenOut (the Solidity loop it replaced had `else if`): the pair is then marked two-sided and
    ///      swapped both ways, sending every input back twice, out of whatever else the batch holds.
    function test_sameTokenFills_refundedOnce() public {
        uint256 amount = 10e18;
        tokens[0].mint(address(batch), 2 * amount); // left in the batch by someone
        SameTokenVault[2] memory s = [new SameTokenVault(batch), new SameTokenVault(batch)];
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](2);
        for (uint256 i; i < 2; ++i) {
            tokens[0].mint(address(s[i]), amount);
            IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](1);
            legs[0] = IRebalancingVault.Leg(address(batch), assetList[0], assetList[0], amount);
            orders[i] = BatchRebalancer.Order(address(s[i]), legs);
        }
        vm.prank(OPERATOR);
        batch.rebalanceBatch(orders);
        for (uint256 i; i < 2; ++i) {
            vm.assertEq(tokens[0].balanceOf(address(s[i])), amount, "its input back, once");
        }
        vm.assertEq(tokens[0].balanceOf(address(batch)), 2 * amount, "what was left in the batch stays");
    }

    /// @dev An order whose leg carries a word that is not a clean address (here tokenIn with a high bit set) fails only
    ///      its own vault, whose ABI decoder refuses it (reported per vault): the batch copies legs as raw words
    ///      (BatchTransient.storeOrder) and its memo bookkeeping must not decode them either. Fails on 39e751c's
    ///      _noteLegs, whose Solidity calldata reads validate the addresses and revert the whole batch.
    function test_dirtyLegWord_failsOnlyItsVault() public {
        BatchRebalancer.Order[] memory orders = _orders(0, 3);
        orders[2] = orders[1];
        orders[1] = _order(vaults[2]); // vault 2 sells WETH too: its order is dirtied below
        bytes memory data = abi.encodeCall(BatchRebalancer.rebalanceBatch, (orders));
        // selector, array offset, length, three order offsets, order 0 (7 words), then order 1: vault, legs offset,
        // legs length, venue, tokenIn
        uint256 at = 4 + 32 * (1 + 1 + 3 + 7 + 4);
        bytes32 word;
        assembly ("memory-safe") {
            word := mload(add(add(data, 0x20), at))
        }
        vm.assertEq(address(uint160(uint256(word))), orders[1].legs[0].tokenIn, "the word is order 1's tokenIn");
        word |= bytes32(uint256(1) << 200);
        assembly ("memory-safe") {
            mstore(add(add(data, 0x20), at), word)
        }
        vm.prank(OPERATOR);
        (bool sent, bytes memory ret) = address(batch).call(data);
        vm.assertTrue(sent, "the batch ran");
        bool[] memory ok = abi.decode(ret, (bool[]));
        vm.assertTrue(ok[0] && !ok[1] && ok[2], "only the dirty order's vault failed");
        _assertNothingLeft();
    }

    /// @dev Equal and opposite: nothing reaches the pool at all.
    function test_netting_exactOpposites_touchNoPool() public {
        uint256[] memory v0 = new uint256[](2);
        uint256[] memory v1 = new uint256[](2);
        (v0[0], v1[0]) = (600_000e18, 400_000e18);
        (v0[1], v1[1]) = (400_000e18, 600_000e18);
        _deployFleet(v0, v1);
        uint256[] memory poolBefore = pool.getBalances();
        vm.prank(OPERATOR);
        vm.assertEq(_count(batch.rebalanceBatch(_orders(4, 6))), 2, "both");
        uint256[] memory poolAfter = pool.getBalances();
        vm.assertEq(poolAfter[0], poolBefore[0], "no WETH to the pool");
        vm.assertEq(poolAfter[1], poolBefore[1], "no USDC to the pool");
        _assertNothingLeft();
    }

    // ---------------------------------------------------------------- the crossing price is one router's per pair

    /// @dev The pair's leader (first fill) prices it, here a listed contract whose router says WETH is 0.4% cheaper
    ///      than the feeds: vault 0, selling WETH on the smaller side, would be paid 1,992 USDC per WETH, inside its
    ///      own 1% min-out but below what it gets alone on the pool (about 1,994). The clearing's lone-quote check
    ///      declines the netting (without it vault 0 would be paid below its lone outcome: the clearing reverts on the
    ///      negative saving and vault 0 is refused), and vault 0
    ///      trades on the pool, no worse than alone.
    function test_skewedLeaderPrice_cannotPushSmallSideBelowAlone() public {
        SkewedVault skewed = _skewedVault(1992e18, address(0));
        tokens[1].mint(address(skewed), 200_000e6);
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](2);
        orders[0] = _skewedOrder(skewed, 1, 200_000e6);
        orders[1] = _order(vaults[0]);
        uint256 alone = _aloneOutcomes(0, 1)[0];
        uint256[] memory before = vaults[0].balances();
        vm.expectEmit(address(batch));
        emit BatchRebalancer.NettingDeclined(address(tokens[1]), address(tokens[0]), 2);
        vm.prank(OPERATOR);
        vm.assertEq(_count(batch.rebalanceBatch(orders)), 2, "both traded");
        vm.assertGe(_bought(vaults[0], orders[1].legs, before), alone, "vault 0 no worse than alone");
        _assertNothingLeft();
    }

    /// @dev The same leader on the smaller side, its router 0.4% above the feeds: it sells 10 WETH and would be paid
    ///      2,008 USDC each by vault 1's USDC, which would then fetch less WETH than its whole input swapped on the
    ///      pool. The clearing's check of the larger side against that declines the netting.
    function test_skewedLeaderPrice_cannotPushLargeSideBelowAlone() public {
        SkewedVault skewed = _skewedVault(2008e18, address(0));
        tokens[0].mint(address(skewed), 10e18);
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](2);
        orders[0] = _skewedOrder(skewed, 0, 10e18);
        orders[1] = _order(vaults[1]);
        uint256 alone = _aloneOutcomes(1, 2)[0];
        uint256[] memory before = vaults[1].balances();
        vm.expectEmit(address(batch));
        emit BatchRebalancer.NettingDeclined(address(tokens[0]), address(tokens[1]), 2);
        vm.prank(OPERATOR);
        vm.assertEq(_count(batch.rebalanceBatch(orders)), 2, "both traded");
        vm.assertGe(_bought(vaults[1], orders[1].legs, before), alone, "vault 1 no worse than alone");
        _assertNothingLeft();
    }

    /// @dev A leader whose `priceRouter()` names an address without code: the clearing reads nothing from it (a
    ///      high-level call would revert the clearing, and with it every vault of the batch in turn), the pair is
    ///      left unpriced and trades on the pool, and every vault rebalances.
    function test_leaderWithBrokenRouter_cannotRevertTheClearing() public {
        SkewedVault skewed = _skewedVault(2000e18, address(0xDEAD));
        tokens[0].mint(address(skewed), 10e18);
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](3);
        orders[0] = _skewedOrder(skewed, 0, 10e18);
        orders[1] = _order(vaults[1]);
        orders[2] = _order(vaults[3]);
        vm.expectEmit(address(batch));
        emit BatchRebalancer.NettingDeclined(address(tokens[0]), address(tokens[1]), 3);
        vm.prank(OPERATOR);
        vm.assertEq(_count(batch.rebalanceBatch(orders)), 3, "all three traded");
        vm.assertGt(vaults[1].lastRebalance(), 0, "vault 1 rebalanced");
        vm.assertGt(vaults[3].lastRebalance(), 0, "vault 3 rebalanced");
        _assertNothingLeft();
    }

    /// @dev One router read per pair, whoever leads: two vaults crossing at their (identical) feeds' price, led by an
    ///      honest vault, still fill the smaller side at exactly the oracle price.
    function test_leaderRouterPricesThePair() public {
        BatchRebalancer.Order[] memory orders = new BatchRebalancer.Order[](2);
        orders[0] = _order(vaults[1]);
        orders[1] = _order(vaults[0]);
        uint256[] memory b1 = vaults[1].balances();
        vm.prank(OPERATOR);
        vm.assertEq(_count(batch.rebalanceBatch(orders)), 2, "both");
        uint256 got1 = _bought(vaults[1], orders[0].legs, b1);
        vm.assertEq(got1, orders[0].legs[0].amountIn * 1e18 * 1e18 / (2000e18 * 1e6), "oracle price");
        _assertNothingLeft();
    }

    // ---------------------------------------------------------------- helpers

    /// @dev What each vault in [from, to) buys trading alone on the real pool as the batch would find it.
    function _aloneOutcomes(uint256 from, uint256 to) internal returns (uint256[2] memory got) {
        for (uint256 k = from; k < to; ++k) {
            uint256 snap = vm.snapshotState();
            IRebalancingVault.Leg[] memory legs = _planLeg(vaults[k], address(venue));
            uint256[] memory before = vaults[k].balances();
            vm.prank(KEEPER);
            vaults[k].rebalance(legs);
            got[k - from] = _bought(vaults[k], legs, before);
            vm.revertToState(snap);
        }
    }

    function _skewedVault(uint256 wethPrice, address router) internal returns (SkewedVault) {
        return new SkewedVault(batch, assetList[0], wethPrice, router);
    }

    /// @dev `skewed` selling `amountIn` of token `i` for the other through the batch.
    function _skewedOrder(SkewedVault skewed, uint256 i, uint256 amountIn)
        internal
        view
        returns (BatchRebalancer.Order memory order)
    {
        IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](1);
        legs[0] = IRebalancingVault.Leg(address(batch), assetList[i], assetList[1 - i], amountIn);
        order = BatchRebalancer.Order(address(skewed), legs);
    }

    function _assertNothingLeft() internal view {
        vm.assertEq(IERC20(assetList[0]).balanceOf(address(batch)), 0, "no WETH left in the batch");
        vm.assertEq(IERC20(assetList[1]).balanceOf(address(batch)), 0, "no USDC left in the batch");
    }
}
