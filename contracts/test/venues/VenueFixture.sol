// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "../utils/Test.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {IBalancerV2Vault} from "../../src/venues/external/IBalancerV2.sol";
import {IUniswapV2Pair} from "../../src/venues/external/IUniswapV2Pair.sol";
import {ProtocolDeployer, IUniswapV2FactoryLike, IBalancerV2WeightedPoolFactoryLike} from "./ProtocolDeployer.sol";

/// @notice The real Uniswap V2 factory and Balancer V2 Vault + WeightedPoolFactory, and three tokens of 6, 8 and 18
///         decimals priced $1 (USDC), $60,000 (WBTC) and $3,000 (WETH, also the Balancer Vault's WETH).
abstract contract VenueFixture is Test {
    address internal constant RECIPIENT = address(0xB0B);
    uint256 internal constant BAL_FEE = 3e15; // 0.3%

    MockERC20 internal usdc;
    MockERC20 internal wbtc;
    MockERC20 internal weth;
    IUniswapV2FactoryLike internal v2Factory;
    IBalancerV2Vault internal balancer;
    IBalancerV2WeightedPoolFactoryLike internal weightedFactory;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        usdc = new MockERC20("USD Coin", "USDC", 6);
        wbtc = new MockERC20("Wrapped BTC", "WBTC", 8);
        weth = new MockERC20("Wrapped Ether", "WETH", 18);
        v2Factory = ProtocolDeployer.uniswapV2Factory();
        (balancer, weightedFactory) = ProtocolDeployer.balancerV2(address(weth));
    }

    function _v2Pair(MockERC20 a, uint256 amountA, MockERC20 b, uint256 amountB) internal returns (IUniswapV2Pair) {
        a.mint(address(this), amountA);
        b.mint(address(this), amountB);
        return ProtocolDeployer.v2Pair(v2Factory, address(a), amountA, address(b), amountB);
    }

    function _balancerPool(MockERC20[] memory t, uint256[] memory weights, uint256[] memory amounts)
        internal
        returns (bytes32)
    {
        address[] memory tokens = new address[](t.length);
        for (uint256 i; i < t.length; ++i) {
            tokens[i] = address(t[i]);
            t[i].mint(address(this), amounts[i]);
        }
        return ProtocolDeployer.balancerPool(balancer, weightedFactory, tokens, weights, amounts, BAL_FEE);
    }

    /// @dev The vault's way of trading: push `amountIn` to the venue, then swapExactIn to RECIPIENT. Returns what the
    ///      recipient actually received.
    function _pushSwap(IVenue venue, MockERC20 tokenIn, MockERC20 tokenOut, uint256 amountIn, uint256 minOut)
        internal
        returns (uint256 received)
    {
        tokenIn.mint(address(this), amountIn);
        uint256 before = tokenOut.balanceOf(RECIPIENT);
        tokenIn.transfer(address(venue), amountIn);
        uint256 reported = venue.swapExactIn(address(tokenIn), address(tokenOut), amountIn, minOut, RECIPIENT);
        received = tokenOut.balanceOf(RECIPIENT) - before;
        vm.assertEq(reported, received, "venue reports what the recipient got");
        vm.assertEq(tokenIn.balanceOf(address(venue)), 0, "venue spent exactly amountIn");
        vm.assertEq(tokenOut.balanceOf(address(venue)), 0, "venue keeps no output");
    }

    function _three(MockERC20 a, MockERC20 b, MockERC20 c) internal pure returns (MockERC20[] memory t) {
        t = new MockERC20[](3);
        (t[0], t[1], t[2]) = (a, b, c);
    }

    function _u3(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory u) {
        u = new uint256[](3);
        (u[0], u[1], u[2]) = (a, b, c);
    }
}
