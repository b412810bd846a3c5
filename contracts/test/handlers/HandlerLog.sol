// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice Writes one line to forge's console (shown with -vv), so an invariant run's action counts are in the log.
///         The few lines of forge-std's console this needs, without depending on forge-std.
library HandlerLog {
    address internal constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

    function log(string memory line) internal view {
        (bool ok,) = CONSOLE.staticcall(abi.encodeWithSignature("log(string)", line));
        ok; // the console address answers nothing outside forge; a lost line is not a failure
    }

    /// @notice A short bytes32 tag ("deposit") as a string, without its trailing zero bytes.
    function name(bytes32 tag) internal pure returns (string memory s) {
        uint256 len;
        while (len < 32 && tag[len] != 0) ++len;
        bytes memory b = new bytes(len);
        for (uint256 k; k < len; ++k) {
            b[k] = tag[k];
        }
        s = string(b);
    }
}
