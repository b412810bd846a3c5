// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IVenue} from "../interfaces/IVenue.sol";
import {IRebalancingVault} from "../interfaces/IRebalancingVault.sol";
import {VaultConfig} from "../vault/VaultConfig.sol";
import {BatchTransient} from "./BatchTransient.sol";
import {StaticWord} from "../libraries/StaticWord.sol";

/// @title The venue prices a batch's vaults share
/// @notice Each vault of a batch checks the batch venue's spot and TWAP of its leg's direction; a fleet's vaults check
///         the same ones. BatchRebalancer reads each once per direction, at its second crossing leg, and serves the
///         rest from transient storage (BatchTransient), only where the memo is the venue's own answer: the TWAP for
///         the transaction, the spot while nothing can have traded on the venue (the batch decides when).
library VenueMemo {
    /// @dev The venue prices a batch's vaults share (see noteLegs). A direction's TWAP word
    ///      (BatchTransient.twapMemo): price << PRICE_SHIFT | window << 40 | epoch << 8 | state, the state of
    ///      that batch: seen in one crossing leg, memoized, or not memoizable (a read failed or the price does not
    ///      fit). Its spot word (BatchTransient.spotMemo): price << PRICE_SHIFT | epoch << 8 | MEMO.
    uint256 private constant SEEN = 1;
    uint256 private constant MEMO = 2;
    uint256 private constant NONE = 3;
    uint256 private constant PRICE_SHIFT = 72;
    /// @dev Word of `twapWindow` in the ABI encoding of IRebalancingVault.params() (a static struct of 10 words).
    uint256 private constant PARAMS_TWAP_WINDOW_AT = 0xc0;
    uint256 private constant PARAMS_SIZE = 0x140;

    /// @notice The memoized TWAP of base in quote over `window`, if one was read for that window (in any batch of this
    ///         transaction: a TWAP ending now does not move inside a block for a window a vault may use).
    function twap(address base, address quote, uint32 window) internal view returns (bool hit, uint256 price) {
        uint256 memo = BatchTransient.twapMemo(base, quote);
        hit = memo & 0xff == MEMO && uint32(memo >> 40) == window;
        price = memo >> PRICE_SHIFT;
    }

    /// @notice The spot of base in quote memoized by batch `epoch`. The caller decides whether the venue can have
    ///         traded since (BatchRebalancer.spotPrice).
    function spot(address base, address quote, uint256 epoch) internal view returns (bool hit, uint256 price) {
        uint256 memo = BatchTransient.spotMemo(base, quote);
        hit = memo & 0xff == MEMO && uint32(memo >> 8) == epoch;
        price = memo >> PRICE_SHIFT;
    }

    /// @notice Counts each direction of `vault`'s crossing legs (those naming the calling batch) in batch `epoch`. At a
    ///         direction's second leg it reads the venue's spot and its TWAP over this vault's window, so that every
    ///         later vault of the direction finds them memoized (a vault with another window reads the venue); a
    ///         direction one vault trades costs a count, not a read. Nothing a listed vault or the venue answers can
    ///         revert the batch: a failed read leaves the direction unmemoized. Returns whether every leg crosses.
    /// @dev The legs are read as raw words, as BatchTransient.storeOrder copies them: a word that is not a clean address
    ///      fails only its own vault (its decoder refuses it), not the batch; such a leg counts as not crossing.
    function noteLegs(IVenue venue, address vault, IRebalancingVault.Leg[] calldata legs, uint256 epoch)
        internal
        returns (bool allCross)
    {
        allCross = true;
        for (uint256 l; l < legs.length; ++l) {
            uint256 venueWord;
            uint256 baseWord;
            uint256 quoteWord;
            assembly ("memory-safe") {
                let p := add(legs.offset, shl(7, l)) // a Leg is four words
                venueWord := calldataload(p)
                baseWord := calldataload(add(p, 0x20))
                quoteWord := calldataload(add(p, 0x40))
            }
            if (venueWord != uint256(uint160(address(this))) || (baseWord | quoteWord) >> 160 != 0) {
                allCross = false;
                continue;
            }
            (address base, address quote) = (address(uint160(baseWord)), address(uint160(quoteWord)));
            uint256 memo = BatchTransient.twapMemo(base, quote);
            if (uint32(memo >> 8) != epoch) {
                BatchTransient.setTwapMemo(base, quote, epoch << 8 | SEEN);
            } else if (memo & 0xff == SEEN) {
                _memoize(venue, vault, base, quote, epoch);
            }
        }
    }

    /// @dev A direction's second leg: the venue's TWAP over `vault`'s window and its spot, into the memo.
    function _memoize(IVenue venue, address vault, address base, address quote, uint256 epoch) private {
        BatchTransient.setTwapMemo(base, quote, _readTwap(venue, vault, base, quote, epoch));
        (bool ok, uint256 price) = StaticWord.read(address(venue), abi.encodeCall(IVenue.spotPrice, (base, quote)));
        if (ok && price >> (256 - PRICE_SHIFT) == 0) {
            BatchTransient.setSpotMemo(base, quote, price << PRICE_SHIFT | epoch << 8 | MEMO);
        }
    }

    /// @dev The TWAP word of base in quote over `vault`'s twapWindow, read from the venue; state NONE when either
    ///      read fails, answers short, or the price does not fit the word.
    function _readTwap(IVenue venue, address vault, address base, address quote, uint256 epoch)
        private
        view
        returns (uint256)
    {
        uint256 window;
        bool ok;
        bytes4 selector = IRebalancingVault.params.selector;
        assembly ("memory-safe") {
            mstore(0x00, selector)
            ok := staticcall(gas(), vault, 0x00, 0x04, 0x00, 0x00)
            ok := and(ok, iszero(lt(returndatasize(), PARAMS_SIZE)))
            if ok {
                returndatacopy(0x00, PARAMS_TWAP_WINDOW_AT, 0x20)
                window := mload(0x00)
            }
        }
        // a window shorter than any vault may use is not memoized: only windows of a bucket or more are block-invariant
        if (!ok || window < VaultConfig.MIN_TWAP_WINDOW || window > type(uint32).max) return epoch << 8 | NONE;
        (bool read, uint256 price) =
            StaticWord.read(address(venue), abi.encodeCall(IVenue.twapPrice, (base, quote, uint32(window))));
        if (!read || price >> (256 - PRICE_SHIFT) != 0) return epoch << 8 | NONE;
        return price << PRICE_SHIFT | window << 40 | epoch << 8 | MEMO;
    }
}
