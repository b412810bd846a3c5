// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Test} from "../utils/Test.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {WeightedPoolFactory} from "../../src/pool/WeightedPoolFactory.sol";

/// @notice Shared set-up for pool tests: tokens of chosen decimals, a factory, pools created through it, and a
///         caller (this contract) holding and approving everything.
abstract contract PoolFixture is Test {
    uint256 internal constant FEE = 3e15; // 0.3%
    uint256 internal constant FAR = type(uint256).max; // a deadline that never expires
    address internal constant DEAD = address(0xdEaD);

    WeightedPoolFactory internal factory;

    function _deployFactory() internal {
        if (address(factory) == address(0)) factory = new WeightedPoolFactory();
    }

    function _token(uint8 decimals) internal returns (MockERC20 t) {
        t = new MockERC20("Token", "TKN", decimals);
    }

    function _tokens(uint8[] memory decimals) internal returns (IERC20[] memory tokens) {
        tokens = new IERC20[](decimals.length);
        for (uint256 i; i < decimals.length; ++i) {
            tokens[i] = IERC20(address(_token(decimals[i])));
        }
    }

    function _pool(IERC20[] memory tokens, uint256[] memory weights, uint256 fee) internal returns (WeightedPool) {
        _deployFactory();
        return WeightedPool(factory.create("Ballast LP", "BLP", tokens, weights, fee));
    }

    /// @dev Mints `amounts` to `who` and approves `pool` for everything.
    function _fund(WeightedPool pool, address who, uint256[] memory amounts) internal {
        IERC20[] memory tokens = pool.getTokens();
        for (uint256 i; i < tokens.length; ++i) {
            MockERC20(address(tokens[i])).mint(who, amounts[i]);
            vm.prank(who);
            tokens[i].approve(address(pool), type(uint256).max);
        }
    }

    /// @dev First join by this contract with exactly `amounts`.
    function _init(WeightedPool pool, uint256[] memory amounts) internal returns (uint256 lp) {
        _fund(pool, address(this), amounts);
        pool.joinPool(0, amounts, address(this), FAR);
        lp = pool.balanceOf(address(this));
    }

    function _mintAndApprove(WeightedPool pool, address token, address who, uint256 amount) internal {
        MockERC20(token).mint(who, amount);
        vm.prank(who);
        IERC20(token).approve(address(pool), type(uint256).max);
    }

    function _u2(uint256 a, uint256 b) internal pure returns (uint256[] memory r) {
        r = new uint256[](2);
        (r[0], r[1]) = (a, b);
    }

    function _u3(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory r) {
        r = new uint256[](3);
        (r[0], r[1], r[2]) = (a, b, c);
    }

    function _d2(uint8 a, uint8 b) internal pure returns (uint8[] memory r) {
        r = new uint8[](2);
        (r[0], r[1]) = (a, b);
    }

    function _d3(uint8 a, uint8 b, uint8 c) internal pure returns (uint8[] memory r) {
        r = new uint8[](3);
        (r[0], r[1], r[2]) = (a, b, c);
    }

    function _equalWeights(uint256 n) internal pure returns (uint256[] memory w) {
        w = new uint256[](n);
        uint256 sum;
        for (uint256 i; i < n; ++i) {
            w[i] = 1e18 / n;
            sum += w[i];
        }
        w[0] += 1e18 - sum;
    }

    function _fill(uint256 n, uint256 value) internal pure returns (uint256[] memory a) {
        a = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            a[i] = value;
        }
    }

    function _addr(IERC20 t) internal pure returns (address) {
        return address(t);
    }
}
