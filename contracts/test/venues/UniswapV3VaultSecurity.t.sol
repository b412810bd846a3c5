// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IUniswapV3Factory} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Factory.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {IUniswapV3SwapCallback} from "@uniswap/v3-core/contracts/interfaces/callback/IUniswapV3SwapCallback.sol";
import {VaultIntegrationFixture} from "../vault/VaultIntegrationFixture.sol";
import {FlashLender, IFlashBorrower} from "../mocks/FlashLender.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {V3LiquidityProvider} from "./UniswapV3Fixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {UniswapV3Venue} from "../../src/venues/UniswapV3Venue.sol";
import {UniswapV3Math} from "../../src/libraries/UniswapV3Math.sol";

/// @notice Trades on a real V3 pool with its own capital or a flash loan: pushes a token's price, makes the vault
///         trade into the pushed price (it is a keeper, so only the vault's guards stand in its way), trades back.
contract V3Attacker is IFlashBorrower, IUniswapV3SwapCallback {
    FlashLender internal immutable lender;
    IUniswapV3Pool internal immutable pool;
    RebalancingVault internal immutable vault;
    bytes internal vaultCall;

    constructor(FlashLender lender_, IUniswapV3Pool pool_, RebalancingVault vault_) {
        (lender, pool, vault) = (lender_, pool_, vault_);
    }

    /// @notice Flash-borrows `amount` of `token`, sells it on the pool, calls the vault, sells back what it bought.
    function flashAttack(address token, uint256 amount, bytes calldata vaultCall_) external {
        vaultCall = vaultCall_;
        lender.flashLoan(token, amount, address(this), "");
    }

    function onFlashLoan(address token, uint256 amount, bytes calldata) external {
        uint256 bought = sell(token, amount);
        (bool ok, bytes memory ret) = address(vault).call(vaultCall);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        sell(token == pool.token0() ? pool.token1() : pool.token0(), bought);
        IERC20(token).approve(address(lender), amount);
    }

    /// @notice Sells `amountIn` of `token` on the pool (all of it), returns what it got.
    function sell(address token, uint256 amountIn) public returns (uint256) {
        bool zeroForOne = token == pool.token0();
        (int256 a0, int256 a1) = pool.swap(
            address(this),
            zeroForOne,
            int256(amountIn),
            zeroForOne ? UniswapV3Math.MIN_SQRT_RATIO + 1 : UniswapV3Math.MAX_SQRT_RATIO - 1,
            ""
        );
        return uint256(-(zeroForOne ? a1 : a0));
    }

    function uniswapV3SwapCallback(int256 d0, int256 d1, bytes calldata) external {
        require(msg.sender == address(pool), "not the pool");
        if (d0 > 0) IERC20(pool.token0()).transfer(msg.sender, uint256(d0));
        if (d1 > 0) IERC20(pool.token1()).transfer(msg.sender, uint256(d1));
    }
}

/// @notice The vault's attack suite through a UniswapV3Venue over a real V3 pool (asset 0, 18 decimals at $2,000,
///         against asset 1, 6 decimals at $1; 0.05%; ~$20M a side full range), with the Ballast pool's venue still
///         allowed beside it: an honest leg goes through within budget; flash- and multi-block manipulations of the V3
///         pool are refused by the vault's SpotTwapDeviation / OracleSpotDeviation guards, the attacker losing its
///         fees; without those guards the same attack takes value from the vault.
contract UniswapV3VaultSecurityTest is VaultIntegrationFixture {
    string internal constant FACTORY_ARTIFACT =
        "node_modules/@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json";
    uint24 internal constant V3_FEE = 500;
    uint256 internal constant V3_DEPTH_ETH = 10_000e18; // ~$20M of asset 0 (and as much asset 1) full range
    uint256 internal constant TRADE = 50_000e18; // the vault's leg: $50k of asset 1 into asset 0
    uint256 internal constant PUSH = 1_500_000e18; // ~7.5% of the pool's asset-1 side: asset 0's price up ~15%
    uint256 internal constant WIDE_TRADE = 200_000e18;
    uint256 internal constant WIDE_PUSH = 500_000e18; // asset 0's price up ~5%

    IUniswapV3Pool internal v3pool;
    UniswapV3Venue internal v3venue;
    FlashLender internal lender;
    V3Attacker internal attacker;

    function setUp() public override {
        super.setUp();
        IUniswapV3Factory factory = IUniswapV3Factory(_deploy(vm.getCode(FACTORY_ARTIFACT)));
        v3pool = IUniswapV3Pool(factory.createPool(assetList[0], assetList[1], V3_FEE));
        v3pool.initialize(_sqrtPriceAtOracle());
        V3LiquidityProvider lp = new V3LiquidityProvider();
        int24 edge = UniswapV3Math.MAX_TICK / 10 * 10;
        (uint160 sqrtP,,,,,,) = v3pool.slot0();
        // L = amount of token 1 / sqrtP for a full-range position (token 1 is whichever asset sorts higher)
        uint256 amount1 =
            v3pool.token1() == assetList[0] ? V3_DEPTH_ETH : _amountFor(1, V3_DEPTH_ETH * prices[0] / 1e18);
        lp.mint(v3pool, -edge, edge, uint128(Math.mulDiv(amount1, 1 << 96, sqrtP)));
        // a 30-minute window needs 1,801 slots on this chain (one observation per second at most): the vault refuses
        // a venue that does not guarantee its window
        v3pool.increaseObservationCardinalityNext(1801);
        _advance(1 hours);
        _v3Trade(assetList[1], _amountFor(1, 1_000e18)); // a write: the ring grows to 1,801 slots
        v3venue = new UniswapV3Venue(address(v3pool));
        vm.assertGe(uint256(v3venue.guaranteedWindow()), 30 minutes, "the ring guarantees the vault's window");
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(v3venue), true)));

        lender = new FlashLender();
        tokens[1].mint(address(lender), 100_000_000e6);
        attacker = new V3Attacker(lender, v3pool, vault);
        _addKeeper(address(attacker));
        _retarget(); // asset 0 is 15% underweight: the vault wants to buy it with asset 1, the attacker front-runs
    }

    function _deploy(bytes memory code) private returns (address deployed) {
        assembly ("memory-safe") {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        require(deployed != address(0), "deploy");
    }

    /// @dev sqrt(token1 raw per token0 raw) * 2^96 at the oracle prices of assets 0 and 1.
    function _sqrtPriceAtOracle() private view returns (uint160) {
        (uint256 i0, uint256 i1) = v3pool.token0() == assetList[0] ? (uint256(0), uint256(1)) : (uint256(1), uint256(0));
        // raw token1 per raw token0 = price0 / price1 * 10^dec1 / 10^dec0
        uint256 num = prices[i0] * 10 ** tokens[i1].decimals();
        uint256 den = prices[i1] * 10 ** tokens[i0].decimals();
        return uint160(Math.sqrt(Math.mulDiv(num, 1 << 192, den)));
    }

    function _v3Trade(address token, uint256 amount) private returns (uint256) {
        V3Attacker trader = new V3Attacker(FlashLender(address(0)), v3pool, vault);
        MockERC20(token).mint(address(trader), amount);
        return trader.sell(token, amount);
    }

    function _v3Leg(uint256 value) private view returns (IRebalancingVault.Leg[] memory legs) {
        legs = new IRebalancingVault.Leg[](1);
        legs[0] = IRebalancingVault.Leg(address(v3venue), assetList[1], assetList[0], _amountFor(1, value));
    }

    function _args(bytes memory reason) private pure returns (bytes memory a) {
        a = new bytes(reason.length - 4);
        for (uint256 i; i < a.length; ++i) {
            a[i] = reason[i + 4];
        }
    }

    // ------------------------------------------------------------------ honest

    /// @dev The keeper's leg through the V3 venue: the vault receives asset 0 and loses at most the pool's fee and a
    ///      little impact; the venue keeps nothing.
    function test_honestLeg_throughV3_withinBudget() public {
        uint256 navBefore = vault.nav();
        uint256 held0 = vault.balances()[0];
        IRebalancingVault.Leg[] memory legs = _v3Leg(TRADE);
        vm.prank(KEEPER);
        vault.rebalance(legs);
        vm.assertGt(vault.balances()[0], held0, "asset 0 bought");
        // full range, ~$20M a side: a $50k leg moves the price ~0.5%, so it pays ~0.25% impact on average, + 0.05% fee
        vm.assertLe(navBefore - vault.nav(), TRADE * 4 / 1000, "fee + impact under 0.4% of the leg");
        vm.assertEq(tokens[0].balanceOf(address(v3venue)) + tokens[1].balanceOf(address(v3venue)), 0, "venue empty");
    }

    /// @dev A V3 pool with the default one-slot ring guarantees no TWAP window: the vault refuses a venue over it
    ///      (it is not silently taken as spot-only: the venue reports its 1-second floor, never IVenue's 0). Without
    ///      the floor this test fails: the proposal would pass and the venue be allowed as spot-only.
    function test_shortRingVenue_refusedByTheVault() public {
        IUniswapV3Factory factory = IUniswapV3Factory(v3pool.factory());
        IUniswapV3Pool fresh = IUniswapV3Pool(factory.createPool(assetList[0], assetList[1], 3000));
        fresh.initialize(_sqrtPriceAtOracle());
        UniswapV3Venue shortRing = new UniswapV3Venue(address(fresh));
        _advance(1 hours);
        bytes memory call = abi.encodeCall(IRebalancingVault.setVenue, (address(shortRing), true));
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.VenueWindowTooShort.selector, address(shortRing), 1, 30 minutes)
        );
        vault.propose(address(vault), call); // the change is checked when proposed
        vm.assertFalse(vault.venueTwapChecked(address(shortRing)), "not allowed in any form");
    }

    // ------------------------------------------------------------------ flash loan

    /// @dev A push under the spot-vs-TWAP bound (2%) still leaves the leg short of the vault's on-chain min-out
    ///      (oracle price less 1%): the venue refuses to pay less (InsufficientOutput), nothing moves.
    function test_flashPush_medium_refusedByMinOut() public {
        bytes memory call = abi.encodeCall(RebalancingVault.rebalance, (_v3Leg(TRADE)));
        uint256 navBefore = vault.nav();
        try attacker.flashAttack(assetList[1], _amountFor(1, 150_000e18), call) {
            revert("attack went through");
        } catch (bytes memory reason) {
            vm.assertEq(bytes32(bytes4(reason)), bytes32(UniswapV3Venue.InsufficientOutput.selector), "min-out");
            (uint256 out, uint256 minOut) = abi.decode(_args(reason), (uint256, uint256));
            vm.assertLt(out, minOut, "paid less than the vault's min-out");
        }
        vm.assertEq(vault.nav(), navBefore, "nothing lost");
    }

    /// @dev A flash push of the V3 pool around the vault's leg: refused by spot-vs-TWAP (the push lives 0 s of the
    ///      window), the vault keeps its NAV and the attacker has nothing to show.
    function test_flashManipulatedV3Pool_refusedBySpotTwap() public {
        bytes memory call = abi.encodeCall(RebalancingVault.rebalance, (_v3Leg(TRADE)));
        uint256 navBefore = vault.nav();
        try attacker.flashAttack(assetList[1], _amountFor(1, PUSH), call) {
            revert("attack went through");
        } catch (bytes memory reason) {
            vm.assertEq(bytes32(bytes4(reason)), bytes32(IRebalancingVault.SpotTwapDeviation.selector), "guard");
            (address v, uint256 spot, uint256 twap) = abi.decode(_args(reason), (address, uint256, uint256));
            vm.assertEq(v, address(v3venue), "the V3 venue named");
            vm.assertLt(spot, twap * 90 / 100, "asset 1's spot pushed > 10% below its TWAP");
        }
        vm.assertEq(vault.nav(), navBefore, "nothing lost");
    }

    /// @dev The same through performUpkeep with the planner's own legs pointed at the V3 venue.
    function test_flashManipulatedV3Pool_viaUpkeep_refused() public {
        bytes memory call = abi.encodeCall(RebalancingVault.performUpkeep, (abi.encode(_v3Leg(TRADE))));
        try attacker.flashAttack(assetList[1], _amountFor(1, PUSH), call) {
            revert("attack went through");
        } catch (bytes memory reason) {
            vm.assertEq(bytes32(bytes4(reason)), bytes32(IRebalancingVault.SpotTwapDeviation.selector), "guard");
        }
    }

    // ------------------------------------------------------------------ held over blocks

    /// @dev The attacker holds the push with its own capital for 10 minutes (a third of the window) to drag the TWAP:
    ///      the rebalance is still refused (the spot, and the TWAP, stay far from the oracle), and unwinding costs
    ///      the attacker the pool's fee both ways.
    function test_heldManipulation_refusedByOracle_attackerLosesFees() public {
        uint256 push = _amountFor(1, PUSH);
        tokens[1].mint(address(attacker), push);
        _advance(12);
        uint256 bought = attacker.sell(assetList[1], push);
        _advance(10 minutes);
        uint256 navBefore = vault.nav();
        IRebalancingVault.Leg[] memory legs = _v3Leg(TRADE);
        vm.prank(address(attacker));
        try vault.rebalance(legs) {
            revert("attack went through");
        } catch (bytes memory reason) {
            bytes4 sel = bytes4(reason);
            vm.assertTrue(
                sel == IRebalancingVault.SpotTwapDeviation.selector
                    || sel == IRebalancingVault.OracleSpotDeviation.selector,
                "refused by a manipulation guard"
            );
        }
        vm.assertEq(vault.nav(), navBefore, "nothing lost");
        uint256 back = attacker.sell(assetList[0], bought);
        vm.assertLt(back, push, "the attacker loses");
        vm.assertGe(push - back, push * 9 / 10_000, "about the fee both ways (2 x 0.05%)");
    }

    // ------------------------------------------------------------------ the guards are what stop it

    /// @dev With the manipulation guards and the slippage budget opened wide, the same flash attack through the V3
    ///      venue takes value from the vault and pays the attacker: the refusals above are the guards' doing.
    function test_flashAttack_wouldLoseWithoutGuards() public {
        IRebalancingVault.Params memory p = params();
        (p.maxSpotTwapDeviation, p.maxOracleVenueDeviation, p.maxSlippage, p.maxTradeFraction) =
        (1e18, 1e18, 1e17, 1e18);
        _setParams(p);
        uint256[] memory w = new uint256[](4);
        (w[0], w[1], w[2], w[3]) = (45e16, 5e16, 25e16, 25e16);
        _govern(abi.encodeCall(IRebalancingVault.setTargetWeights, (w)));
        IRebalancingVault.Leg[] memory legs = _v3Leg(WIDE_TRADE);

        uint256 snap = vm.snapshotState();
        uint256 navBefore = vault.nav();
        vm.prank(KEEPER);
        vault.rebalance(legs);
        uint256 honestCost = navBefore - vault.nav();
        vm.revertToState(snap);

        tokens[1].mint(address(attacker), 100_000e6); // capital for the round trip's fees
        uint256 attackerBefore = tokens[1].balanceOf(address(attacker));
        attacker.flashAttack(assetList[1], _amountFor(1, WIDE_PUSH), abi.encodeCall(RebalancingVault.rebalance, (legs)));
        uint256 attackedCost = navBefore - vault.nav();
        uint256 attackerGain = tokens[1].balanceOf(address(attacker)) - attackerBefore;
        vm.assertLt(honestCost, WIDE_TRADE * 15 / 1000, "honest: fee and own impact (~1%) < 1.5%");
        vm.assertGt(attackedCost, honestCost + WIDE_TRADE * 4 / 100, "unguarded: loses > 4% more of the trade");
        vm.assertGt(attackerGain, 0, "and the attacker profits");
    }
}
