// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IFlashBorrower {
    function onFlashLoan(address token, uint256 amount, bytes calldata data) external;
}

/// @notice Lends any amount of a token it holds for the length of one call; the borrower must have approved the
///         repayment by the time its callback returns. No fee: the attacker's capital is free, the worst case.
contract FlashLender {
    error NotRepaid(uint256 balanceAfter, uint256 balanceBefore);

    function flashLoan(address token, uint256 amount, address borrower, bytes calldata data) external {
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).transfer(borrower, amount);
        IFlashBorrower(borrower).onFlashLoan(token, amount, data);
        IERC20(token).transferFrom(borrower, address(this), amount);
        uint256 afterBal = IERC20(token).balanceOf(address(this));
        if (afterBal < before) revert NotRepaid(afterBal, before);
    }
}
