// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IVenue} from "../interfaces/IVenue.sol";
import {StaticWord} from "./StaticWord.sol";

/// @title Where to push a venue's input
/// @notice Shared by RebalancingVault (read when a venue is allowed), BatchRebalancer and MultiHopVenue (read at
///         construction): each records the payee once and pushes to it.
library VenuePayee {
    /// @dev IVenue.payee of `venue`, or `venue` itself when it names none: a venue written before payee() (the call
    ///      fails or answers short), or an answer that is not a clean address (a dirty high word would otherwise be
    ///      truncated to some other address), zero, or the caller itself. The input then goes where it always went.
    function read(address venue) internal view returns (address payee) {
        (bool ok, uint256 word) = StaticWord.read(venue, abi.encodeCall(IVenue.payee, ()));
        if (!ok || word >> 160 != 0 || word == 0 || address(uint160(word)) == address(this)) return venue;
        return address(uint160(word));
    }
}
