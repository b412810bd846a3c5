// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VenueFixture} from "./VenueFixture.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {IBalancerV2Vault} from "../../src/venues/external/IBalancerV2.sol";
import {BalancerV2Venue} from "../../src/venues/BalancerV2Venue.sol";

/// @notice BalancerV2Venue against the real Balancer V2 Vault and 2021-04-18 weighted pool: a 40/30/30
///         USDC/WBTC/WETH pool ($10M: 4M USDC, 50 WBTC, 1,000 WETH) with a 0.3% swap fee.
contract BalancerV2VenueTest is VenueFixture {
    bytes32 internal poolId;
    BalancerV2Venue internal venue;

    function setUp() public override {
        super.setUp();
        poolId = _balancerPool(_three(usdc, wbtc, weth), _u3(40e16, 30e16, 30e16), _u3(4_000_000e6, 50e8, 1_000e18));
        venue = new BalancerV2Venue(address(balancer), poolId);
    }

    function _balanceOf(address token) internal view returns (uint256) {
        (address[] memory tokens, uint256[] memory balances,) = balancer.getPoolTokens(poolId);
        for (uint256 i; i < tokens.length; ++i) {
            if (tokens[i] == token) return balances[i];
        }
        revert("not a pool token");
    }

    function test_swap_bothWays_6_8_18Decimals() public {
        uint256 quoted = venue.quoteExactIn(address(weth), address(usdc), 1e18);
        uint256 got = _pushSwap(venue, weth, usdc, 1e18, quoted);
        vm.assertEq(got, quoted, "WETH -> USDC");
        // hand-computed (floating point) out = B_out (1 - (B_in / (B_in + 0.997 a))^(w_in / w_out)):
        // 4e6 (1 - (1000 / 1000.997)^(0.3 / 0.4)) = 2,988.393
        vm.assertApproxEqRel(got, 2_988.393e6, 1e13, "1 WETH: weighted math, fee on the input");

        quoted = venue.quoteExactIn(address(usdc), address(wbtc), 60_000e6);
        got = _pushSwap(venue, usdc, wbtc, 60_000e6, quoted);
        vm.assertEq(got, quoted, "USDC -> WBTC");
        // 50 (1 - (3,997,011.6 / (3,997,011.6 + 59,820))^(0.4 / 0.3)) = 0.980610
        vm.assertApproxEqRel(got, 0.98061e8, 1e13, "$60k of USDC: 1 WBTC less fee and 1.6% impact");

        quoted = venue.quoteExactIn(address(wbtc), address(weth), 1e8);
        got = _pushSwap(venue, wbtc, weth, 1e8, quoted);
        vm.assertEq(got, quoted, "WBTC -> WETH");
        // 1,001 (1 - (49.0194 / 50.0164)^(0.3 / 0.3)) = 19.9534
        vm.assertApproxEqRel(got, 19.9534e18, 1e13, "1 WBTC: 20 WETH less fee and 2% impact");
    }

    function testFuzz_quote_equalsSwap(uint256 amountIn, uint8 pick) public {
        MockERC20[3] memory t = [usdc, wbtc, weth];
        uint256[3] memory depth = [uint256(4_000_000e6), 50e8, 1_000e18];
        uint256 i = pick % 3;
        uint256 j = (i + 1 + (pick / 3) % 2) % 3;
        amountIn = bound(amountIn, depth[i] / 1e6, depth[i] * 29 / 100); // inside the pool's 30% max-in ratio
        uint256 quoted = venue.quoteExactIn(address(t[i]), address(t[j]), amountIn);
        vm.assertEq(_pushSwap(venue, t[i], t[j], amountIn, 0), quoted, "quote == swap, to the wei");
    }

    function test_minOut_revertsOneWeiAboveQuote() public {
        uint256 quoted = venue.quoteExactIn(address(weth), address(usdc), 1e18);
        weth.mint(address(venue), 1e18);
        vm.expectRevert(bytes("BAL#507")); // SWAP_LIMIT
        venue.swapExactIn(address(weth), address(usdc), 1e18, quoted + 1, RECIPIENT);
        venue.swapExactIn(address(weth), address(usdc), 1e18, quoted, RECIPIENT);
        vm.assertEq(usdc.balanceOf(RECIPIENT), quoted, "paid the quote");
    }

    /// @dev A leg worth more than 30% of the pool's input balance: the weighted pool refuses it outright
    ///      (BAL#304 MAX_IN_RATIO) instead of filling at a ruinous price.
    function test_shallowPool_legRefused() public {
        uint256 amountIn = 301e18; // 30.1% of the pool's 1,000 WETH
        weth.mint(address(venue), amountIn);
        vm.expectRevert(bytes("BAL#304"));
        venue.swapExactIn(address(weth), address(usdc), amountIn, 0, RECIPIENT);
        vm.expectRevert(bytes("BAL#304"));
        venue.quoteExactIn(address(weth), address(usdc), amountIn);
    }

    /// @dev (B_quote / w_quote) / (B_base / w_base) in whole tokens:
    ///      WETH in USDC (4,000,000 / 0.4) / (1,000 / 0.3) = 3,000; WBTC in WETH (1,000 / 0.3) / (50 / 0.3) = 20;
    ///      WBTC in USDC 60,000; USDC in WBTC 1/60,000 rounded down.
    function test_spot_handComputed() public view {
        vm.assertEq(venue.spotPrice(address(weth), address(usdc)), 3_000e18, "WETH in USDC");
        vm.assertEq(venue.spotPrice(address(wbtc), address(weth)), 20e18, "WBTC in WETH");
        vm.assertEq(venue.spotPrice(address(wbtc), address(usdc)), 60_000e18, "WBTC in USDC");
        vm.assertEq(venue.spotPrice(address(usdc), address(wbtc)), uint256(1e18) / 60_000, "USDC in WBTC");
    }

    /// @dev After a trade, spot follows the new balances with the weights and excludes the fee.
    function test_spot_afterSwap_isWeightedBalanceRatio() public {
        _pushSwap(venue, weth, usdc, 10e18, 0);
        uint256 expected = _balanceOf(address(usdc)) * 1e12 * 30e16 * 1e18 / (_balanceOf(address(weth)) * 40e16);
        vm.assertEq(venue.spotPrice(address(weth), address(usdc)), expected, "weighted ratio of the new balances");
        vm.assertLt(expected, 3_000e18, "selling WETH lowered its price");
    }

    /// @dev The Balancer Vault is approved once per token, for the maximum, and the venue keeps nothing.
    function test_lazyApproval_oncePerToken() public {
        vm.assertEq(weth.allowance(address(venue), address(balancer)), 0, "nothing approved before the first swap");
        weth.mint(address(venue), 1e18);
        vm.expectEmit(address(venue));
        emit BalancerV2Venue.VaultApproved(address(weth));
        venue.swapExactIn(address(weth), address(usdc), 1e18, 0, RECIPIENT);
        vm.assertEq(weth.allowance(address(venue), address(balancer)), type(uint256).max, "max approval");
        _pushSwap(venue, weth, usdc, 1e18, 0);
        vm.assertEq(weth.allowance(address(venue), address(balancer)), type(uint256).max, "still max");
    }

    function test_twap_unsupported_spotOnly() public {
        vm.assertEq(uint256(venue.guaranteedWindow()), 0, "no TWAP guarantee");
        vm.expectRevert(IVenue.TwapUnsupported.selector);
        venue.twapPrice(address(weth), address(usdc), 30 minutes);
    }

    function test_notPoolToken_reverts() public {
        MockERC20 dai = new MockERC20("Dai", "DAI", 18);
        vm.expectRevert(abi.encodeWithSelector(BalancerV2Venue.NotPoolToken.selector, address(dai)));
        venue.spotPrice(address(dai), address(usdc));
        dai.mint(address(venue), 1e18);
        vm.expectRevert(bytes("BAL#521")); // TOKEN_NOT_REGISTERED
        venue.swapExactIn(address(dai), address(usdc), 1e18, 0, RECIPIENT);
    }

    function test_unknownPoolId_refusedAtDeployment() public {
        vm.expectRevert(bytes("BAL#500")); // INVALID_POOL_ID
        new BalancerV2Venue(address(balancer), bytes32(uint256(1)));
    }

    /// @dev Nothing pushed: the Balancer Vault cannot pull what the venue does not hold.
    function test_swapWithoutPush_reverts() public {
        vm.expectRevert();
        venue.swapExactIn(address(weth), address(usdc), 1e18, 0, RECIPIENT);
    }
}
