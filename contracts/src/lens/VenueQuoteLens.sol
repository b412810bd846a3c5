// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IVenue} from "../interfaces/IVenue.sol";

/// @title Exact-in quote ladders of many venues at one block, as an undeployed constructor
/// @notice The keeper sends this contract's creation code plus the encoded requests as an eth_call without `to` and
///         gets every `IVenue.quoteExactIn` answer back as revert data (abi-encoded `uint256[][]`, starting with the
///         word 0x20 like CallBatchLens's payload). Unlike CallBatchLens it uses CALL, not STATICCALL: a venue that can
///         only quote by simulating (Uniswap V3 revert-quote, Balancer queryBatchSwap) writes state inside the quote
///         and would fail under STATICCALL. Nothing persists: the creation runs inside an eth_call and ends in a revert.
contract VenueQuoteLens {
    /// @param venue     the IVenue to ask
    /// @param amountsIn the amounts to quote, each answered on its own (a ladder the keeper fits a curve through)
    struct Request {
        address venue;
        address tokenIn;
        address tokenOut;
        uint256[] amountsIn;
    }

    /// @param requests one ladder per venue and direction; a quote that reverts (or a venue without code) answers 0,
    ///        which the keeper reads as "cannot fill this amount"
    constructor(Request[] memory requests) {
        uint256[][] memory quotes = new uint256[][](requests.length);
        for (uint256 i; i < requests.length; ++i) {
            Request memory r = requests[i];
            uint256[] memory q = new uint256[](r.amountsIn.length);
            if (r.venue.code.length != 0) {
                for (uint256 k; k < r.amountsIn.length; ++k) {
                    try IVenue(r.venue).quoteExactIn(r.tokenIn, r.tokenOut, r.amountsIn[k]) returns (uint256 out) {
                        q[k] = out;
                    } catch {}
                }
            }
            quotes[i] = q;
        }
        bytes memory encoded = abi.encode(quotes);
        assembly ("memory-safe") {
            revert(add(encoded, 0x20), mload(encoded))
        }
    }
}
