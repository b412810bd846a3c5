// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Prints measured figures through forge's console precompile (forge-std is not used in this project).
library MathLog {
    address private constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

    function log(string memory label, uint256 value) internal view {
        (bool ok,) = CONSOLE.staticcall(abi.encodeWithSignature("log(string,uint256)", label, value));
        ok; // the console address has no code outside forge; nothing to do if it fails
    }

    function log(string memory label, int256 value) internal view {
        (bool ok,) = CONSOLE.staticcall(abi.encodeWithSignature("log(string,int256)", label, value));
        ok;
    }
}

/// @notice Error figures shared by the vector tests.
library ErrorStats {
    /// @dev |got - exact| * 1e27 / exact: relative error in units of 1e-27 (0 when exact is 0 and got is 0).
    function relE27(uint256 got, uint256 exact) internal pure returns (uint256) {
        uint256 d = got > exact ? got - exact : exact - got;
        if (d == 0) return 0;
        if (exact == 0) return type(uint256).max;
        return Math.mulDiv(d, 1e27, exact);
    }

    function absDiff(int256 a, int256 b) internal pure returns (uint256) {
        return a > b ? uint256(a - b) : uint256(b - a);
    }
}
