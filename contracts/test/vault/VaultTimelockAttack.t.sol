// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {VaultIntegrationFixture} from "./VaultIntegrationFixture.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {IPriceRouter} from "../../src/interfaces/IPriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";

/// @notice The owner's price-source swap (the review took $374k from a $1M vault in one transaction: swap in a source
///         that prices asset 1 at double, deposit asset 1 one-sided, withdraw pro-rata). The router belongs to the
///         vault, so the swap waits the vault's timelock in public, and the holders leave before it lands.
contract VaultTimelockAttackTest is VaultIntegrationFixture {
    uint256 internal constant EVIL_PRICE = 2e18; // asset 1 is a $1 token; the swapped-in feeds say $2
    uint256 internal constant ATTACK_VALUE = 1_000_000e18; // true value of asset 1 the owner deposits

    event log_named_int(string key, int256 val);

    MockAggregator[2] internal evilFeeds;
    IPriceSource[] internal evilSources;

    function setUp() public override {
        super.setUp();
        for (uint256 k; k < 2; ++k) {
            evilFeeds[k] = new MockAggregator(8);
            evilFeeds[k].setAnswer(int256(EVIL_PRICE / 1e10));
            evilSources.push(
                new ChainlinkAdapter(
                    assetList[1],
                    AggregatorV3Interface(address(evilFeeds[k])),
                    1 hours,
                    AggregatorV3Interface(address(0)),
                    0
                )
            );
        }
    }

    function _swapCall() internal view returns (bytes memory) {
        return abi.encodeCall(PriceRouter.setSources, (assetList[1], evilSources, 2, 1e16));
    }

    /// @dev Re-publishes the honest feeds and the evil ones after a warp.
    function _advanceAll(uint256 seconds_) internal {
        _advance(seconds_);
        for (uint256 k; k < 2; ++k) {
            evilFeeds[k].setAnswer(int256(EVIL_PRICE / 1e10));
        }
    }

    /// @dev The owner (this contract) deposits ATTACK_VALUE of asset 1 one-sided and withdraws everything at once;
    ///      returns its gain at true prices (negative: a loss).
    function _roundTrip() internal returns (int256 gain) {
        uint256 amount = _amountFor(1, ATTACK_VALUE);
        tokens[1].mint(address(this), amount);
        tokens[1].approve(address(vault), amount);
        uint256 shares = vault.depositSingle(assetList[1], amount, 0, address(this));
        uint256[] memory out = vault.withdraw(shares, new uint256[](0), address(this));
        uint256 value;
        for (uint256 i; i < 4; ++i) {
            value += _valueOf(i, out[i]);
        }
        gain = int256(value) - int256(ATTACK_VALUE);
    }

    function test_sourceSwap_cannotTakeEffectBeforeTheDelay() public {
        vm.assertEq(router.owner(), address(vault), "the vault owns its router");
        // 1. straight to the router: refused
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        router.setSources(assetList[1], evilSources, 2, 1e16);

        // 2. through the vault: queued in public, with the target and the full call
        bytes memory call = _swapCall();
        uint256 nonce = vault.proposalCount() + 1;
        bytes32 id = keccak256(abi.encode(address(router), call, nonce));
        uint256 eta = block.timestamp + DELAY;
        vm.expectEmit(address(vault));
        emit IRebalancingVault.ChangeProposed(id, address(router), call, nonce, eta);
        vault.propose(address(router), call);

        // 3. the same transaction cannot execute it, so the round trip runs at honest prices and loses the fee
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.ChangeNotReady.selector, id, eta));
        vault.execute(address(router), call, nonce);
        vm.assertEq(router.getPrice(assetList[1]), 1e18, "asset 1 still priced by the honest feeds");
        (, uint256 feeValue) = vault.previewDepositSingle(assetList[1], _amountFor(1, ATTACK_VALUE));
        int256 gain = _roundTrip();
        emit log_named_int("owner's round trip in the proposing transaction, USD wei", gain);
        vm.assertLe(gain, -1, "no gain before the delay");
        // what it loses is the one-sided deposit fee (the oracle-error floor) and rounding, nothing else
        vm.assertGe(gain, -int256(feeValue) - 1e18, "only the one-sided fee and rounding");
    }

    function test_sourceSwap_depositorsExitInTheWindow() public {
        bytes memory call = _swapCall();
        vault.propose(address(router), call);
        uint256 nonce = vault.proposalCount();

        // ALICE sees ChangeProposed and leaves within the delay, with her whole deposit
        _advanceAll(DELAY / 2);
        uint256 aliceShares = vault.balanceOf(ALICE);
        vm.prank(ALICE);
        uint256[] memory out = vault.withdraw(aliceShares, new uint256[](0), ALICE);
        uint256 value;
        for (uint256 i; i < 4; ++i) {
            value += _valueOf(i, out[i]);
        }
        vm.assertGe(value, 1_000_000e18 - 1e18, "ALICE leaves with her $1M (less than $1 of rounding and dead shares)");

        // the swap lands after the delay; the owner's round trip finds nothing left to take
        _advanceAll(DELAY / 2);
        vault.execute(address(router), call, nonce);
        vm.assertEq(router.getPrice(assetList[1]), EVIL_PRICE, "swapped in");
        int256 gain = _roundTrip();
        emit log_named_int("owner's round trip after the delay, holders gone, USD wei", gain);
        vm.assertLe(gain, 1e18, "at most $1 to take: only dead-share dust was left");
    }

    /// @dev What the window protects against: a holder who ignores the proposal loses to the same round trip.
    function test_sourceSwap_afterTheDelay_takesFromHoldersWhoStay() public {
        bytes memory call = _swapCall();
        vault.propose(address(router), call);
        uint256 nonce = vault.proposalCount();
        _advanceAll(DELAY);
        vault.execute(address(router), call, nonce);
        int256 gain = _roundTrip();
        emit log_named_int("owner's round trip after the delay, holders stayed, USD wei", gain);
        vm.assertGe(gain, 200_000e18, "the attack the timelock announces takes >$200k from a $1M vault");
    }

    function test_routerProposals_onlySetSourcesAndAcceptOwnership() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.UnknownChange.selector, Ownable.transferOwnership.selector)
        );
        vault.propose(address(router), abi.encodeCall(Ownable.transferOwnership, (address(this))));
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.UnknownChange.selector, PriceRouter.removeAsset.selector)
        );
        vault.propose(address(router), abi.encodeCall(PriceRouter.removeAsset, (assetList[1])));
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.UnknownTarget.selector, address(pool)));
        vault.propose(address(pool), abi.encodeCall(Ownable.transferOwnership, (address(this))));
        // a source list the router would refuse is refused when proposed (here: one feed twice)
        IPriceSource[] memory twice = new IPriceSource[](2);
        (twice[0], twice[1]) = (evilSources[0], evilSources[0]);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.DuplicateSource.selector, assetList[1], address(twice[0])));
        vault.propose(address(router), abi.encodeCall(PriceRouter.setSources, (assetList[1], twice, 2, 1e16)));
    }

    function test_firstDeposit_refusedUntilTheVaultOwnsItsRouter() public {
        PriceRouter other = new PriceRouter(address(this));
        IPriceSource[] memory sources = new IPriceSource[](2);
        for (uint256 i; i < 4; ++i) {
            (IPriceSource[] memory s,,) = router.getConfig(assetList[i]);
            (sources[0], sources[1]) = (s[0], s[1]);
            other.setSources(assetList[i], sources, 2, 1e16);
        }
        RebalancingVault fresh = new RebalancingVault(
            "v", "v", IPriceRouter(address(other)), assetList, _quarters(), params(), address(this), GUARDIAN, DELAY
        );
        uint256[] memory amounts = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            amounts[i] = _amountFor(i, 10_000e18);
            tokens[i].mint(address(this), amounts[i]);
            tokens[i].approve(address(fresh), amounts[i]);
        }
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.RouterNotOwned.selector, address(other), address(this))
        );
        fresh.deposit(amounts, 0, address(this));

        // offered but not yet accepted through the timelock: still refused
        other.transferOwnership(address(fresh));
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.RouterNotOwned.selector, address(other), address(this))
        );
        fresh.deposit(amounts, 0, address(this));

        bytes memory accept = abi.encodeCall(other.acceptOwnership, ());
        fresh.propose(address(other), accept);
        _advance(DELAY);
        fresh.execute(address(other), accept, 1);
        vm.assertEq(other.owner(), address(fresh), "accepted");
        (uint256 shares,) = fresh.deposit(amounts, 0, address(this));
        vm.assertGt(shares, 0, "deposits open once the vault owns its router");
    }

    // ---- keepers and ownership ----

    function test_addingKeeper_isTimelocked() public {
        address eve = address(0xE7E);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.OnlySelf.selector, address(this)));
        vault.setKeeper(eve, true);
        bytes memory call = abi.encodeCall(IRebalancingVault.setKeeper, (eve, true));
        bytes32 id = vault.propose(address(vault), call);
        uint256 nonce = vault.proposalCount();
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.ChangeNotReady.selector, id, block.timestamp + DELAY));
        vault.execute(address(vault), call, nonce);
        vm.assertFalse(vault.isKeeper(eve), "not before the delay");
        _advance(DELAY);
        vault.execute(address(vault), call, nonce);
        vm.assertTrue(vault.isKeeper(eve), "after it");
    }

    function test_removingKeeper_isImmediate() public {
        vm.expectEmit(address(vault));
        emit IRebalancingVault.KeeperSet(KEEPER, false);
        vault.setKeeper(KEEPER, false);
        vm.assertFalse(vault.isKeeper(KEEPER), "removed in the same block");
        IRebalancingVault.Leg[] memory legs = _leg(1, 0, 1000e18);
        vm.prank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.NotKeeper.selector, KEEPER));
        vault.rebalance(legs);
    }

    function test_ownershipTransfer_onlyThroughTimelock() public {
        address heir = address(0x4E1);
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.OnlySelf.selector, address(this)));
        vault.transferOwnership(heir);
        bytes memory call = abi.encodeCall(Ownable.transferOwnership, (heir));
        vault.propose(address(vault), call);
        uint256 nonce = vault.proposalCount();
        _advance(DELAY);
        vm.assertEq(vault.owner(), address(this), "not before the delay");
        vault.execute(address(vault), call, nonce);
        vm.assertEq(vault.owner(), heir, "handed over by the timelock");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        vault.propose(address(vault), call);
    }
}
