// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A token that charges the sender a 1% fee on top of every transfer and transferFrom (burned), so the
///         sender's balance falls by more than the amount moved: the case the vault's OverspentInput check exists for.
contract SenderFeeToken is ERC20 {
    constructor() ERC20("SenderFee", "SFEE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        bool ok = super.transfer(to, value);
        _burn(msg.sender, value / 100);
        return ok;
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        bool ok = super.transferFrom(from, to, value);
        _burn(from, value / 100);
        return ok;
    }
}
