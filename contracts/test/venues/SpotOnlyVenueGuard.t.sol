// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {VaultIntegrationFixture} from "../vault/VaultIntegrationFixture.sol";
import {FlashLender, IFlashBorrower} from "../mocks/FlashLender.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {UniswapV2Venue} from "../../src/venues/UniswapV2Venue.sol";
import {BalancerV2Venue} from "../../src/venues/BalancerV2Venue.sol";
import {MultiHopVenue} from "../../src/venues/MultiHopVenue.sol";
import {IBalancerV2Vault} from "../../src/venues/external/IBalancerV2.sol";
import {ProtocolDeployer, IUniswapV2FactoryLike, IBalancerV2WeightedPoolFactoryLike} from "./ProtocolDeployer.sol";

/// @notice Borrows `token`, buys `target` with it through `venue` itself (pushing target's price up on the pool
///         behind it), makes the vault trade on that venue, then sells target back and repays, whether the vault
///         traded or refused: a refused attack costs the round trip's fees and price impact.
contract VenueFlashAttacker is IFlashBorrower {
    FlashLender internal immutable lender;
    RebalancingVault internal immutable vault;
    IVenue internal venue;
    address internal target;
    bytes internal vaultCall;
    bytes public vaultRevert;

    constructor(FlashLender lender_, RebalancingVault vault_) {
        (lender, vault) = (lender_, vault_);
    }

    function attack(IVenue venue_, address token, uint256 amount, address target_, bytes calldata vaultCall_)
        external
        returns (bool vaultTraded)
    {
        (venue, target, vaultCall) = (venue_, target_, vaultCall_);
        delete vaultRevert;
        lender.flashLoan(token, amount, address(this), "");
        return vaultRevert.length == 0;
    }

    function onFlashLoan(address token, uint256 amount, bytes calldata) external {
        IERC20(token).transfer(address(venue), amount);
        uint256 bought = venue.swapExactIn(token, target, amount, 0, address(this));
        (bool ok, bytes memory ret) = address(vault).call(vaultCall);
        if (!ok) vaultRevert = ret;
        IERC20(target).transfer(address(venue), bought);
        venue.swapExactIn(target, token, bought, 0, address(this));
        IERC20(token).approve(address(lender), amount);
    }
}

/// @notice The vault's guards on the spot-only venues (Uniswap V2, Balancer V2: guaranteedWindow() == 0), deployed
///         from the real protocols' bytecode beside the fixture's Ballast pool: each holds asset 1 ($1, 6 decimals)
///         against asset 0 ($2,000, 18 decimals), $20M a side, at the oracle price. The vault records them as
///         spot-only, trades through them without asking for a TWAP, and refuses a leg whose venue spot was pushed
///         off the oracle by more than maxOracleVenueDeviation (2%).
contract SpotOnlyVenueGuardTest is VaultIntegrationFixture {
    uint256 internal constant SIDE = 20_000_000e18; // numeraire per side
    uint256 internal constant TRADE = 50_000e18; // the vault's leg: $50k of asset 1 into asset 0
    uint256 internal constant HOP_TRADE = 10_000e18;
    uint256 internal constant PUSH = 690_000e18; // ~3.4% of the asset-1 side: asset 0's price up ~7%
    uint256 internal constant WIDE_TRADE = 200_000e18;
    uint256 internal constant WIDE_PUSH = 500_000e18; // asset 0's price up ~5%

    UniswapV2Venue internal v2Venue;
    BalancerV2Venue internal balVenue;
    MultiHopVenue internal hopVenue; // asset 1 -> asset 2 on the Ballast pool, asset 2 -> asset 0 on a V2 pair
    FlashLender internal lender;
    VenueFlashAttacker internal attacker;

    function setUp() public override {
        super.setUp();
        IUniswapV2FactoryLike v2Factory = ProtocolDeployer.uniswapV2Factory();
        (IBalancerV2Vault balancer, IBalancerV2WeightedPoolFactoryLike weighted) =
            ProtocolDeployer.balancerV2(address(new MockERC20("Wrapped Ether", "WETH", 18)));
        uint256 side0 = _amountFor(0, SIDE);
        uint256 side1 = _amountFor(1, SIDE);
        tokens[0].mint(address(this), 3 * side0);
        tokens[2].mint(address(this), _amountFor(2, SIDE));
        tokens[1].mint(address(this), 2 * side1);
        v2Venue =
            new UniswapV2Venue(address(ProtocolDeployer.v2Pair(v2Factory, assetList[0], side0, assetList[1], side1)));
        address[] memory t = new address[](2);
        (t[0], t[1]) = (assetList[0], assetList[1]);
        uint256[] memory w = new uint256[](2);
        (w[0], w[1]) = (50e16, 50e16);
        uint256[] memory a = new uint256[](2);
        (a[0], a[1]) = (side0, side1);
        balVenue =
            new BalancerV2Venue(address(balancer), ProtocolDeployer.balancerPool(balancer, weighted, t, w, a, FEE));
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(v2Venue), true)));
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(balVenue), true)));
        UniswapV2Venue v2Venue20 = new UniswapV2Venue(
            address(ProtocolDeployer.v2Pair(v2Factory, assetList[2], _amountFor(2, SIDE), assetList[0], side0))
        );
        hopVenue = new MultiHopVenue(address(venue), address(v2Venue20), assetList[2]);
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(hopVenue), true)));
        // steady state (the timelock's day has passed): one small trade each, so the V2 pair's price accumulators
        // are nonzero and the Balancer venue has made its one-time approval, as on a live pool
        _warmUp(v2Venue);
        _warmUp(balVenue);
        _warmUp(hopVenue);

        lender = new FlashLender();
        tokens[1].mint(address(lender), 100_000_000e6);
        attacker = new VenueFlashAttacker(lender, vault);
        _addKeeper(address(attacker));
        tokens[1].mint(address(attacker), 100_000e6); // capital to cover the round trip's fees
        _retarget(); // asset 0 is 15% underweight: the vault wants to buy it, the attacker front-runs
    }

    function _warmUp(IVenue v) internal {
        uint256 amount = _amountFor(1, 1_000e18);
        tokens[1].mint(address(v), amount);
        v.swapExactIn(assetList[1], assetList[0], amount, 0, address(this));
    }

    /// @dev $50k a leg; $10k through the multi-hop, whose two 0.3% fees leave little of the 1% slippage budget.
    function _tradeOn(IVenue v) internal view returns (uint256) {
        return address(v) == address(hopVenue) ? HOP_TRADE : TRADE;
    }

    function _legOn(IVenue v, uint256 value) internal view returns (IRebalancingVault.Leg[] memory legs) {
        legs = new IRebalancingVault.Leg[](1);
        legs[0] = IRebalancingVault.Leg(address(v), assetList[1], assetList[0], _amountFor(1, value));
    }

    function test_spotOnlyVenues_recordedWithoutTwapCheck() public view {
        vm.assertFalse(vault.venueTwapChecked(address(v2Venue)), "V2 venue is spot-only");
        vm.assertFalse(vault.venueTwapChecked(address(balVenue)), "Balancer venue is spot-only");
        vm.assertFalse(vault.venueTwapChecked(address(hopVenue)), "a path with a spot-only hop is spot-only");
        vm.assertTrue(vault.venueTwapChecked(address(venue)), "the Ballast pool venue keeps its TWAP check");
    }

    /// @dev An honest leg on each spot-only venue goes through: the vault asks for spot only (their twapPrice
    ///      reverts TwapUnsupported, so a TWAP read would have reverted the rebalance) and receives asset 0.
    function test_honestLeg_tradesOnSpotOnlyVenue() public {
        IVenue[3] memory venues = [IVenue(address(v2Venue)), IVenue(address(balVenue)), IVenue(address(hopVenue))];
        for (uint256 k; k < 3; ++k) {
            uint256 snap = vm.snapshotState();
            uint256 held0 = vault.balances()[0];
            uint256 navBefore = vault.nav();
            IRebalancingVault.Leg[] memory legs = _legOn(venues[k], _tradeOn(venues[k]));
            vm.prank(KEEPER);
            vault.rebalance(legs);
            vm.assertGt(vault.balances()[0], held0, "asset 0 bought");
            vm.assertLe(navBefore - vault.nav(), _tradeOn(venues[k]) / 100, "cost inside the 1% slippage budget");
            vm.revertToState(snap);
        }
    }

    /// @dev Execution gas of a guarded 1-leg rebalance through each venue, before refunds: the spot-only
    ///      venues skip the TWAP read the Ballast pool's venue needs. Figures in snapshots/SpotOnlyVenueGuardTest.json.
    function test_gas_rebalanceOneLeg_perVenue() public {
        IVenue[4] memory venues =
            [IVenue(address(venue)), IVenue(address(v2Venue)), IVenue(address(balVenue)), IVenue(address(hopVenue))];
        string[4] memory names = [
            "vault_rebalance_1_leg_ballast",
            "vault_rebalance_1_leg_univ2",
            "vault_rebalance_1_leg_balancerv2",
            "vault_rebalance_1_leg_multihop_ballast_univ2"
        ];
        for (uint256 k; k < 4; ++k) {
            uint256 snap = vm.snapshotState();
            IRebalancingVault.Leg[] memory legs = _legOn(venues[k], _tradeOn(venues[k]));
            vm.prank(KEEPER);
            vm.startSnapshotGas(names[k]);
            vault.rebalance(legs);
            uint256 used = vm.stopSnapshotGas();
            vm.assertEq(vault.lastRebalance(), block.timestamp, "rebalanced");
            vm.assertGt(used, 0, "measured");
            vm.revertToState(snap);
        }
    }

    /// @dev The attack: a flash push of asset 0's price on the venue's own pool, then the vault's leg. The vault
    ///      refuses with OracleSpotDeviation (the venue's spot of asset 1 in asset 0 more than 2% below the oracle),
    ///      loses nothing, and the attacker pays the round trip's fees and impact.
    function _assertRefused(IVenue v, string memory name) internal {
        bytes memory call = abi.encodeCall(RebalancingVault.rebalance, (_legOn(v, TRADE)));
        uint256 navBefore = vault.nav();
        uint256 capital = tokens[1].balanceOf(address(attacker));
        bool traded = attacker.attack(v, assetList[1], _amountFor(1, PUSH), assetList[0], call);
        vm.assertFalse(traded, "the vault refused the leg");
        bytes memory reason = attacker.vaultRevert();
        vm.assertEq(bytes32(bytes4(reason)), bytes32(IRebalancingVault.OracleSpotDeviation.selector), "guard");
        (address named, uint256 oraclePrice, uint256 spot) = abi.decode(_args(reason), (address, uint256, uint256));
        vm.assertEq(named, address(v), "venue named");
        vm.assertLt(spot, oraclePrice * 95 / 100, "spot pushed > 5% off the oracle");
        vm.assertEq(vault.nav(), navBefore, "the vault lost nothing");
        uint256 loss = capital - tokens[1].balanceOf(address(attacker));
        // two 0.3% fees on a $690k round trip: at least 0.5% of the push
        vm.assertGt(loss, _amountFor(1, PUSH) / 200, "the attacker paid the round trip");
        vm.snapshotValue(string.concat("refused_attack_attacker_loss_usd_", name), loss / 1e6);
    }

    function test_flashPush_uniswapV2_refusedByOracleSpot_attackerLoses() public {
        _assertRefused(v2Venue, "univ2");
    }

    function test_flashPush_balancerV2_refusedByOracleSpot_attackerLoses() public {
        _assertRefused(balVenue, "balancerv2");
    }

    /// @dev What the guard prevents: with maxOracleVenueDeviation (and slippage, trade size) opened to their
    ///      widest bounds, the same attack on the V2 venue goes through, the vault loses more than 4% of the trade
    ///      beyond the honest cost, and the attacker profits.
    function test_flashPush_wouldLoseWithoutOracleSpotGuard() public {
        IRebalancingVault.Params memory p = params();
        (p.maxOracleVenueDeviation, p.maxSlippage, p.maxTradeFraction) = (1e18, 1e17, 1e18);
        _setParams(p);
        uint256[] memory w = new uint256[](4);
        (w[0], w[1], w[2], w[3]) = (45e16, 5e16, 25e16, 25e16);
        _govern(abi.encodeCall(IRebalancingVault.setTargetWeights, (w)));
        IRebalancingVault.Leg[] memory legs = _legOn(v2Venue, WIDE_TRADE);

        uint256 snap = vm.snapshotState();
        uint256 navBefore = vault.nav();
        vm.prank(KEEPER);
        vault.rebalance(legs);
        uint256 honestCost = navBefore - vault.nav();
        vm.revertToState(snap);

        uint256 capital = tokens[1].balanceOf(address(attacker));
        bool traded = attacker.attack(
            v2Venue, assetList[1], _amountFor(1, WIDE_PUSH), assetList[0], abi.encodeCall(vault.rebalance, (legs))
        );
        vm.assertTrue(traded, string(attacker.vaultRevert()));
        uint256 attackedCost = navBefore - vault.nav();
        vm.snapshotValue("unguarded_honest_rebalance_cost_usd", honestCost / 1e18);
        vm.snapshotValue("unguarded_attacked_rebalance_cost_usd", attackedCost / 1e18);
        vm.snapshotValue("unguarded_attacker_profit_usd", (tokens[1].balanceOf(address(attacker)) - capital) / 1e6);
        vm.assertLt(honestCost, WIDE_TRADE * 3 / 100, "honest: fee and own impact < 3%");
        vm.assertGt(attackedCost, honestCost + WIDE_TRADE * 4 / 100, "unguarded: loses > 4% more of the trade");
        vm.assertGt(tokens[1].balanceOf(address(attacker)), capital, "and the attacker profits");
    }

    /// @dev A multi-hop over two TWAP-keeping hops (the Ballast pool twice: asset 1 -> asset 0 -> asset 2) keeps a
    ///      TWAP: the product of the hops', the pool's guarantee as its own, so the vault checks it spot-vs-TWAP.
    function test_multiHop_overTwapVenues_isTwapChecked() public {
        MultiHopVenue hop = new MultiHopVenue(address(venue), address(venue), assetList[0]);
        vm.assertEq(uint256(hop.guaranteedWindow()), uint256(venue.guaranteedWindow()), "the hops' guarantee");
        uint256 twap = hop.twapPrice(assetList[1], assetList[2], 30 minutes);
        uint256 product = venue.twapPrice(assetList[1], assetList[0], 30 minutes)
            * venue.twapPrice(assetList[0], assetList[2], 30 minutes) / 1e18;
        vm.assertEq(twap, product, "product of the hop TWAPs");
        vm.assertApproxEqRel(twap, pool.getTwapPair(assetList[1], assetList[2], 30 minutes), 1e12, "the cross TWAP");
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(hop), true)));
        vm.assertTrue(vault.venueTwapChecked(address(hop)), "recorded with its TWAP");
        MultiHopVenue spotOnly = new MultiHopVenue(address(venue), address(v2Venue), assetList[0]);
        vm.assertEq(uint256(spotOnly.guaranteedWindow()), 0, "one spot-only hop makes the path spot-only");
    }

    /// @dev A random user's swap through the multi-hop (asset 1 -> asset 2 on the Ballast pool, asset 2 -> asset 0 on
    ///      the V2 pair) while a donation of asset 1 larger than the input sits in the Ballast pool: the multi-hop pushes
    ///      the input to the first hop's payee (the pool), so the pool takes it as paid and the donation stays in the
    ///      pool; no token stays in either hop venue or in the multi-hop, and the recipient gets the quoted output.
    ///      Fails on the old push to the first hop itself: the pool takes the donation as payment and the input stays
    ///      in the WeightedPoolVenue (free for the next caller of its swapExactIn).
    function test_multiHop_donationInFirstHopPool_nothingStrandedInAnyVenue() public {
        vm.assertEq(hopVenue.firstPayee(), address(pool), "the first hop's payee is its pool");
        uint256 amountIn = _amountFor(1, HOP_TRADE);
        tokens[1].mint(address(pool), 2 * amountIn); // the donation: more than the input
        uint256 surplus = tokens[1].balanceOf(address(pool)) - pool.getBalances()[1];
        uint256 quoted = hopVenue.quoteExactIn(assetList[1], assetList[0], amountIn);
        address recipient = address(0xBEEF);
        tokens[1].mint(address(this), amountIn);
        tokens[1].transfer(hopVenue.payee(), amountIn); // the multi-hop is its own payee
        uint256 out = hopVenue.swapExactIn(assetList[1], assetList[0], amountIn, quoted, recipient);

        vm.assertEq(out, quoted, "the quoted output");
        vm.assertEq(tokens[0].balanceOf(recipient), out, "paid to the recipient");
        address[3] memory holders = [address(venue), address(hopVenue.second()), address(hopVenue)];
        for (uint256 h; h < 3; ++h) {
            for (uint256 i; i < 4; ++i) {
                vm.assertEq(tokens[i].balanceOf(holders[h]), 0, "no token stays in a hop venue or the multi-hop");
            }
        }
        vm.assertEq(tokens[1].balanceOf(address(pool)) - pool.getBalances()[1], surplus, "the donation is untouched");
        vm.assertEq(tokens[2].balanceOf(address(pool)), pool.getBalances()[2], "the pool accounts the mid it holds");
    }

    /// @dev The reverse: the Ballast pool as the second hop (asset 0 -> asset 2 on the V2 pair, asset 2 -> asset 1 on the
    ///      pool) with a donation of the mid token in the pool. The V2 hop pays the mid straight to the second hop's
    ///      payee (the pool), which takes it as paid: nothing stays anywhere. Fails when the first hop pays the second
    ///      hop venue itself (the pool takes the donation and the mid stays in the WeightedPoolVenue).
    function test_multiHop_donationInSecondHopPool_nothingStrandedInAnyVenue() public {
        IVenue v2 = hopVenue.second();
        MultiHopVenue reverse = new MultiHopVenue(address(v2), address(venue), assetList[2]);
        vm.assertEq(reverse.secondPayee(), address(pool), "the second hop's payee is its pool");
        uint256 amountIn = _amountFor(0, HOP_TRADE);
        tokens[2].mint(address(pool), _amountFor(2, 10 * HOP_TRADE)); // the donation: more than the mid amount
        uint256 surplus = tokens[2].balanceOf(address(pool)) - pool.getBalances()[2];
        uint256 quoted = reverse.quoteExactIn(assetList[0], assetList[1], amountIn);
        address recipient = address(0xBEEF);
        tokens[0].mint(address(reverse), amountIn);
        uint256 out = reverse.swapExactIn(assetList[0], assetList[1], amountIn, quoted, recipient);

        vm.assertEq(out, quoted, "the quoted output");
        vm.assertEq(tokens[1].balanceOf(recipient), out, "paid to the recipient");
        address[3] memory holders = [address(v2), address(venue), address(reverse)];
        for (uint256 h; h < 3; ++h) {
            for (uint256 i; i < 4; ++i) {
                vm.assertEq(tokens[i].balanceOf(holders[h]), 0, "no token stays in a hop venue or the multi-hop");
            }
        }
        vm.assertEq(tokens[2].balanceOf(address(pool)) - pool.getBalances()[2], surplus, "the donation is untouched");
    }

    function _args(bytes memory reason) internal pure returns (bytes memory a) {
        a = new bytes(reason.length - 4);
        for (uint256 i; i < a.length; ++i) {
            a[i] = reason[i + 4];
        }
    }
}
