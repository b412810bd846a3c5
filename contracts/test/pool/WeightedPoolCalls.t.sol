// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {PoolFixture} from "./PoolFixture.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {IWeightedPool} from "../../src/interfaces/IWeightedPool.sol";

/// @notice A token whose balanceOf can be switched to revert with its own error or to return nothing.
contract BalanceOfSwitchToken is MockERC20 {
    error BalanceOfBroken(address account);

    uint8 public mode;

    constructor() MockERC20("Switch", "SW", 18) {}

    function setMode(uint8 mode_) external {
        mode = mode_;
    }

    function balanceOf(address account) public view override returns (uint256) {
        if (mode == 1) revert BalanceOfBroken(account);
        if (mode == 2) {
            assembly ("memory-safe") {
                return(0, 0)
            }
        }
        if (mode == 3) {
            // 4 bytes that read as an error selector of the caller's (WeightedPool's ZeroAmount()): must not pass
            // for the caller's own revert
            assembly ("memory-safe") {
                mstore(0, shl(224, 0x1f2a2005))
                return(0, 4)
            }
        }
        return super.balanceOf(account);
    }
}

/// @notice The pool's hand-written token calls (the balanceOf of the shortfall check, the Swap event, the transient
///         lock) behave as the compiler's did: a failing balanceOf's revert reaches the caller, a balanceOf that
///         returns fewer than 32 bytes is refused, the event carries the same fields, and the lock is released after
///         each call (two swaps in one transaction both go through).
contract WeightedPoolCallsTest is PoolFixture {
    BalanceOfSwitchToken internal sw;
    MockERC20 internal other;
    WeightedPool internal pool;

    function setUp() public {
        _deployFactory();
        sw = new BalanceOfSwitchToken();
        other = _token(18);
        IERC20[] memory tokens = new IERC20[](2);
        tokens[0] = IERC20(address(other));
        tokens[1] = IERC20(address(sw));
        pool = _pool(tokens, _equalWeights(2), FEE);
        other.mint(address(this), 1e24);
        sw.mint(address(this), 1e24);
        other.approve(address(pool), type(uint256).max);
        sw.approve(address(pool), type(uint256).max);
        pool.joinPool(0, _u2(1e21, 1e21), address(this), FAR);
    }

    function test_balanceOfRevert_isBubbled() public {
        sw.setMode(1);
        vm.expectRevert(abi.encodeWithSelector(BalanceOfSwitchToken.BalanceOfBroken.selector, address(pool)));
        pool.swapExactIn(address(sw), address(other), 1e18, 0, address(this), FAR);
    }

    function test_balanceOfShortReturn_isRefused() public {
        sw.setMode(2);
        vm.expectRevert(bytes(""));
        pool.swapExactIn(address(sw), address(other), 1e18, 0, address(this), FAR);
        sw.setMode(0);
        uint256 out = pool.swapExactIn(address(sw), address(other), 1e18, 0, address(this), FAR);
        vm.assertGt(out, 0, "the same swap goes through with a well-behaved balanceOf");
    }

    /// @dev A short answer that is not empty (here 4 bytes shaped as one of the pool's own errors) is refused with
    ///      empty revert data, as the compiler's call does, not passed on as if the pool had raised it.
    function test_balanceOfShortNonEmptyReturn_revertsEmpty() public {
        sw.setMode(3);
        (bool ok, bytes memory reason) = address(pool).call(
            abi.encodeCall(pool.swapExactIn, (address(sw), address(other), 1e18, 0, address(this), FAR))
        );
        vm.assertFalse(ok, "refused");
        vm.assertEq(reason, bytes(""), "empty, not the token's 4 bytes");
    }

    function test_swapEvent_fields() public {
        uint256 expected = pool.querySwapExactIn(address(other), address(sw), 2e18);
        vm.expectEmit(address(pool));
        emit IWeightedPool.Swap(address(this), address(0xBEEF), address(other), address(sw), 2e18, expected);
        pool.swapExactIn(address(other), address(sw), 2e18, 0, address(0xBEEF), FAR);
    }

    function test_lockReleased_betweenCallsOfOneTransaction() public {
        uint256 a = pool.swapExactIn(address(other), address(sw), 1e18, 0, address(this), FAR);
        uint256 b = pool.swapExactIn(address(sw), address(other), a, 0, address(this), FAR);
        // a forge test is one transaction: a lock left set by the first swap would revert the second
        vm.assertGt(b, 0, "second swap in the same transaction");
    }
}
