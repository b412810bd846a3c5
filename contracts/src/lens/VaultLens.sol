// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IRebalancingVault} from "../interfaces/IRebalancingVault.sol";
import {IWeightedPool} from "../interfaces/IWeightedPool.sol";
import {IPoolOracle} from "../interfaces/IPoolOracle.sol";
import {IPriceRouter} from "../interfaces/IPriceRouter.sol";
import {IVenue} from "../interfaces/IVenue.sol";

/// @title Everything the keeper reads per block, in one eth_call, without a deployment
/// @notice Never deployed: the keeper sends this contract's creation code plus constructor arguments as the data of an
///         eth_call without `to`. The constructor reads every vault and pool at that one block and REVERTS with the
///         result (ABI-encoded `uint256[]`): returned bytes would become runtime code and hit the 24,576-byte code
///         size limit (EIP-170) at about 17 vaults, while revert data has no such limit. The payload starts with the
///         word 0x20, which no custom error selector does, so the keeper tells it from a real failure. A flat word
///         array keeps the Java decoder simple; the layout is below and in dev.ballast.chain.LensLayout.
/// @dev Layout (all words): header [version, block.number, block.timestamp, gasUsed, vaultCount, poolCount, chainid],
///      then per vault: [flags, n, lastRebalance, router, totalSupply, 10 Params fields, venue, depositCap] + n *
///      [asset, decimals, tokenBalance, accountedBalance, targetWeight, status, price] + (venue != 0 only) n * (n - 1) *
///      [status, spot, twap] for every ordered pair (assets[i], assets[j]), i != j, i outer: the venue's
///      spotPrice(i, j) and twapPrice(i, j, params.twapWindow), exactly what the vault's manipulation guard asks
///      (status = spotStatus | twapStatus << 8); then per pool: [flags, n, swapFee, twapWindow,
///      oldestObservationAge] + n * [token, balance, weight, spotStatus, spot, twapStatus, twap].
///      A status byte is 0 (ok), 1 (reverted: the value word holds the revert selector, 0 if none), 2 (no router),
///      3 (not read: the venue has no code or the vault's TWAP window is unreadable) or 4 (a TWAP the vault never
///      reads: it holds that venue to the oracle alone, `venueTwapChecked` false). Every external call is in
///      try/catch so one broken vault, feed, venue or uncovered TWAP window is a flag, not a failed read.
contract VaultLens {
    error LengthMismatch(uint256 pools, uint256 twapWindows);
    error VenuesLengthMismatch(uint256 vaults, uint256 venues);

    uint256 internal constant VERSION = 4;
    uint256 internal constant HEADER_WORDS = 7;
    uint256 internal constant VAULT_WORDS = 17;
    uint256 internal constant ASSET_WORDS = 7;
    uint256 internal constant PAIR_WORDS = 3;
    uint256 internal constant POOL_WORDS = 5;
    uint256 internal constant TOKEN_WORDS = 7;
    /// @dev Caps what one misbehaving callee can burn of the shared call gas.
    uint256 internal constant CALL_GAS = 2_000_000;

    // vault flags
    uint256 internal constant HAS_CODE = 1;
    uint256 internal constant ASSETS_OK = 2;
    uint256 internal constant PAUSED = 4;
    uint256 internal constant PARAMS_OK = 8;
    uint256 internal constant BALANCES_OK = 16;
    uint256 internal constant TARGETS_OK = 32;
    uint256 internal constant LAST_REBALANCE_OK = 64;
    uint256 internal constant SUPPLY_OK = 128;
    uint256 internal constant ROUTER_OK = 256;
    /// @dev Not set by a vault that predates the deposit cap (no depositCap()): the word is 0 then, read as unknown.
    uint256 internal constant DEPOSIT_CAP_OK = 512;
    // pool flags (HAS_CODE shared)
    uint256 internal constant TOKENS_OK = 2;
    uint256 internal constant POOL_BALANCES_OK = 4;
    uint256 internal constant WEIGHTS_OK = 8;
    uint256 internal constant FEE_OK = 16;
    uint256 internal constant AGE_OK = 32;
    // per-asset status
    uint256 internal constant OK = 0;
    uint256 internal constant REVERTED = 1;
    uint256 internal constant NO_ROUTER = 2;
    uint256 internal constant NOT_READ = 3;
    /// @dev TWAP status of a pair on a venue the vault holds to the oracle alone (venueTwapChecked false): the vault
    ///      never reads that TWAP, so neither does the lens.
    uint256 internal constant SPOT_ONLY = 4;
    uint256 internal constant BALANCE_FAILED = 1 << 8;
    uint256 internal constant DECIMALS_FAILED = 1 << 9;

    /// @param vaults       IRebalancingVault addresses
    /// @param venues       per vault, the IVenue the keeper trades it through (address(0): read no venue prices)
    /// @param pools        IWeightedPool (+ IPoolOracle) addresses
    /// @param twapWindows  per pool, the TWAP window in seconds to read
    constructor(address[] memory vaults, address[] memory venues, address[] memory pools, uint32[] memory twapWindows) {
        uint256 gasStart = gasleft();
        if (venues.length != vaults.length) revert VenuesLengthMismatch(vaults.length, venues.length);
        if (pools.length != twapWindows.length) revert LengthMismatch(pools.length, twapWindows.length);
        (address[][] memory assets, uint256 assetTotal) = _readAssets(vaults);
        (address[][] memory tokens, uint256 tokenTotal) = _readTokens(pools);
        uint256 pairTotal = _pairCount(assets, venues);
        // out[0..1] are the ABI head of a uint256[] (offset, length), so `out` is sent as it is, without a copy.
        uint256[] memory out = new uint256[](2 + HEADER_WORDS + vaults.length * VAULT_WORDS + assetTotal * ASSET_WORDS
                + pairTotal * PAIR_WORDS + pools.length * POOL_WORDS + tokenTotal * TOKEN_WORDS);
        out[0] = 0x20;
        out[1] = out.length - 2;
        uint256 pos = 2;
        out[pos++] = VERSION;
        out[pos++] = block.number;
        out[pos++] = block.timestamp;
        pos++; // gas used, written last
        out[pos++] = vaults.length;
        out[pos++] = pools.length;
        out[pos++] = block.chainid;
        pos = _writeVaults(out, pos, vaults, venues, assets, assetTotal);
        for (uint256 i; i < pools.length; ++i) {
            pos = _writePool(out, pos, pools[i], tokens[i], twapWindows[i]);
        }
        out[5] = gasStart - gasleft();
        assembly ("memory-safe") {
            revert(add(out, 0x20), mul(mload(out), 0x20))
        }
    }

    // ------------------------------------------------------------------ vaults

    function _writeVaults(
        uint256[] memory out,
        uint256 pos,
        address[] memory vaults,
        address[] memory venues,
        address[][] memory assets,
        uint256 assetTotal
    ) private view returns (uint256) {
        uint256[] memory priceTable = new uint256[](_tableSize(assetTotal));
        uint256[] memory pairTable = new uint256[](_tableSize(vaults.length));
        for (uint256 i; i < vaults.length; ++i) {
            pos = _writeVault(out, pos, IRebalancingVault(vaults[i]), assets[i], priceTable);
            out[pos - assets[i].length * ASSET_WORDS - 2] = uint256(uint160(venues[i]));
            if (venues[i] != address(0)) {
                pos = _writePairs(out, pos, venues[i], assets[i], pairTable, !_twapChecked(vaults[i], venues[i]));
            }
        }
        return pos;
    }

    function _readAssets(address[] memory vaults) private view returns (address[][] memory assets, uint256 total) {
        assets = new address[][](vaults.length);
        for (uint256 i; i < vaults.length; ++i) {
            if (vaults[i].code.length == 0) continue;
            try IRebalancingVault(vaults[i]).assets{gas: CALL_GAS}() returns (address[] memory a) {
                assets[i] = a;
                total += a.length;
            } catch {}
        }
    }

    function _writeVault(
        uint256[] memory out,
        uint256 pos,
        IRebalancingVault vault,
        address[] memory assets,
        uint256[] memory priceTable
    ) private view returns (uint256) {
        uint256 start = pos;
        uint256 flags = address(vault).code.length == 0 ? 0 : HAS_CODE;
        uint256 n = assets.length;
        address router;
        if (flags != 0) {
            flags |= n == 0 ? 0 : ASSETS_OK;
            try vault.paused{gas: CALL_GAS}() returns (bool p) {
                if (p) flags |= PAUSED;
            } catch {}
            try vault.lastRebalance{gas: CALL_GAS}() returns (uint256 t) {
                out[start + 2] = t;
                flags |= LAST_REBALANCE_OK;
            } catch {}
            try vault.priceRouter{gas: CALL_GAS}() returns (address r) {
                router = r;
                out[start + 3] = uint256(uint160(r));
                flags |= ROUTER_OK;
            } catch {}
            try IERC20(address(vault)).totalSupply{gas: CALL_GAS}() returns (uint256 s) {
                out[start + 4] = s;
                flags |= SUPPLY_OK;
            } catch {}
            flags |= _writeParams(out, start + 5, vault);
            try vault.depositCap{gas: CALL_GAS}() returns (uint256 cap) {
                out[start + 16] = cap;
                flags |= DEPOSIT_CAP_OK;
            } catch {}
        }
        pos = start + VAULT_WORDS;
        uint256[] memory accounted;
        uint256[] memory targets;
        if (n != 0) {
            try vault.balances{gas: CALL_GAS}() returns (uint256[] memory b) {
                if (b.length == n) (accounted, flags) = (b, flags | BALANCES_OK);
            } catch {}
            try vault.targetWeights{gas: CALL_GAS}() returns (uint256[] memory w) {
                if (w.length == n) (targets, flags) = (w, flags | TARGETS_OK);
            } catch {}
        }
        out[start] = flags;
        out[start + 1] = n;
        for (uint256 j; j < n; ++j) {
            _writeAsset(out, pos, address(vault), assets[j], router, priceTable);
            if (accounted.length == n) out[pos + 3] = accounted[j];
            if (targets.length == n) out[pos + 4] = targets[j];
            pos += ASSET_WORDS;
        }
        return pos;
    }

    function _writeParams(uint256[] memory out, uint256 pos, IRebalancingVault vault) private view returns (uint256) {
        try vault.params{gas: CALL_GAS}() returns (IRebalancingVault.Params memory p) {
            out[pos] = p.band;
            out[pos + 1] = uint256(p.mode);
            out[pos + 2] = p.interval;
            out[pos + 3] = p.cooldown;
            out[pos + 4] = p.maxSlippage;
            out[pos + 5] = p.maxTradeFraction;
            out[pos + 6] = p.twapWindow;
            out[pos + 7] = p.maxSpotTwapDeviation;
            out[pos + 8] = p.maxOracleVenueDeviation;
            out[pos + 9] = p.singleAssetFee;
            return PARAMS_OK;
        } catch {
            return 0;
        }
    }

    /// @dev Writes [asset, decimals, tokenBalance, -, -, status, price]; accounted balance and target come from the
    ///      vault's arrays. One price per (router, asset) is fetched per call; repeats are copied (priceTable).
    function _writeAsset(
        uint256[] memory out,
        uint256 pos,
        address vault,
        address asset,
        address router,
        uint256[] memory priceTable
    ) private view {
        out[pos] = uint256(uint160(asset));
        uint256 status;
        try IERC20Metadata(asset).decimals{gas: CALL_GAS}() returns (uint8 d) {
            out[pos + 1] = d;
        } catch {
            status |= DECIMALS_FAILED;
        }
        try IERC20(asset).balanceOf{gas: CALL_GAS}(vault) returns (uint256 b) {
            out[pos + 2] = b;
        } catch {
            status |= BALANCE_FAILED;
        }
        (uint256 priceStatus, uint256 price) = _price(out, pos + 5, router, asset, priceTable);
        out[pos + 5] = status | priceStatus;
        out[pos + 6] = price;
    }

    function _price(uint256[] memory out, uint256 pos, address router, address asset, uint256[] memory table)
        private
        view
        returns (uint256 status, uint256 value)
    {
        if (router.code.length == 0) return (NO_ROUTER, 0);
        uint256 hash = uint256(keccak256(abi.encodePacked(router, asset)));
        (uint256 slot, uint256 seenAt) = _lookup(table, hash);
        if (seenAt != 0) return (out[seenAt] & 0xff, out[seenAt + 1]);
        table[slot] = (hash >> 32 << 32) | pos;
        try IPriceRouter(router).getPrice{gas: CALL_GAS}(asset) returns (uint256 p) {
            return (OK, p);
        } catch (bytes memory reason) {
            return (REVERTED, uint256(uint32(_selector(reason))));
        }
    }

    /// @dev Open addressing, linear probing. A slot holds the hash's high 224 bits and, in the low 32, the position in
    ///      `out` of the first (status, price) written for that key; position 0 never holds a price, so 0 = empty.
    function _lookup(uint256[] memory table, uint256 hash) private pure returns (uint256 slot, uint256 seenAt) {
        uint256 mask = table.length - 1;
        slot = hash & mask;
        uint256 tag = hash >> 32;
        while (true) {
            uint256 entry = table[slot];
            if (entry == 0) return (slot, 0);
            if (entry >> 32 == tag) return (slot, entry & 0xffffffff);
            slot = (slot + 1) & mask;
        }
    }

    /// @dev A power of two pos least twice the entries, so probes stay short.
    function _tableSize(uint256 entries) private pure returns (uint256 size) {
        size = 2;
        while (size < entries * 2) size <<= 1;
    }

    // ------------------------------------------------------------------ venue prices

    function _pairCount(address[][] memory assets, address[] memory venues) private pure returns (uint256 total) {
        for (uint256 i; i < assets.length; ++i) {
            uint256 n = assets[i].length;
            if (venues[i] != address(0) && n > 1) total += n * (n - 1);
        }
    }

    /// @dev Writes [status, spot, twap] for every ordered pair of `assets`, over the window of the vault just written
    ///      (its Params words end where its asset words begin). Vaults with the same venue, window and asset list
    ///      copy the first one's block (pairTable): 1,000 vaults on five venues read five venues.
    function _writePairs(
        uint256[] memory out,
        uint256 pos,
        address venue,
        address[] memory assets,
        uint256[] memory pairTable,
        bool spotOnly
    ) private view returns (uint256) {
        uint256 n = assets.length;
        if (n < 2) return pos;
        uint256 words = n * (n - 1) * PAIR_WORDS;
        uint32 window = _windowOfVaultBefore(out, pos - n * ASSET_WORDS - VAULT_WORDS);
        if (window == 0 || venue.code.length == 0) {
            for (uint256 k; k < words; k += PAIR_WORDS) {
                out[pos + k] = NOT_READ | NOT_READ << 8;
            }
            return pos + words;
        }
        uint256 hash = uint256(keccak256(abi.encodePacked(venue, window, assets, spotOnly)));
        (uint256 slot, uint256 seenAt) = _lookup(pairTable, hash);
        if (seenAt != 0) {
            // both ranges lie inside `out` (seenAt + words <= pos), so one unchecked memory copy is safe
            assembly ("memory-safe") {
                let base := add(out, 0x20)
                mcopy(add(base, mul(pos, 0x20)), add(base, mul(seenAt, 0x20)), mul(words, 0x20))
            }
            return pos + words;
        }
        pairTable[slot] = (hash >> 32 << 32) | pos;
        return _readPairs(out, pos, IVenue(venue), assets, spotOnly ? 0 : window);
    }

    /// @dev The TWAP window in the Params words of the vault block starting at `vaultStart`, 0 when unread.
    function _windowOfVaultBefore(uint256[] memory out, uint256 vaultStart) private pure returns (uint32) {
        return (out[vaultStart] & PARAMS_OK) == 0 ? 0 : uint32(out[vaultStart + 11]);
    }

    /// @dev Whether `vault` checks `venue`'s spot against its TWAP; a vault that cannot answer (older code) is treated
    ///      as checking it, the stricter reading.
    function _twapChecked(address vault, address venue) private view returns (bool) {
        try IRebalancingVault(vault).venueTwapChecked{gas: CALL_GAS}(venue) returns (bool checked) {
            if (checked) return true;
            // false also answers for a venue the vault does not allow: read its TWAP then (the vault would refuse it)
            try IRebalancingVault(vault).isVenue{gas: CALL_GAS}(venue) returns (bool allowed) {
                return !allowed;
            } catch {
                return true;
            }
        } catch {
            return true;
        }
    }

    function _readPairs(uint256[] memory out, uint256 pos, IVenue venue, address[] memory assets, uint32 window)
        private
        view
        returns (uint256)
    {
        for (uint256 i; i < assets.length; ++i) {
            for (uint256 j; j < assets.length; ++j) {
                if (i == j) continue;
                _readPair(out, pos, venue, assets[i], assets[j], window);
                pos += PAIR_WORDS;
            }
        }
        return pos;
    }

    function _readPair(uint256[] memory out, uint256 pos, IVenue venue, address base, address quote, uint32 window)
        private
        view
    {
        uint256 status;
        try venue.spotPrice{gas: CALL_GAS}(base, quote) returns (uint256 spot) {
            out[pos + 1] = spot;
        } catch (bytes memory reason) {
            (status, out[pos + 1]) = (REVERTED, uint256(uint32(_selector(reason))));
        }
        if (window == 0) {
            status |= SPOT_ONLY << 8;
        } else {
            try venue.twapPrice{gas: CALL_GAS}(base, quote, window) returns (uint256 twap) {
                out[pos + 2] = twap;
            } catch (bytes memory reason) {
                (status, out[pos + 2]) = (status | REVERTED << 8, uint256(uint32(_selector(reason))));
            }
        }
        out[pos] = status;
    }

    // ------------------------------------------------------------------ pools

    function _readTokens(address[] memory pools) private view returns (address[][] memory tokens, uint256 total) {
        tokens = new address[][](pools.length);
        for (uint256 i; i < pools.length; ++i) {
            if (pools[i].code.length == 0) continue;
            try IWeightedPool(pools[i]).getTokens{gas: CALL_GAS}() returns (IERC20[] memory t) {
                address[] memory asAddresses;
                assembly ("memory-safe") {
                    asAddresses := t
                }
                tokens[i] = asAddresses;
                total += t.length;
            } catch {}
        }
    }

    function _writePool(uint256[] memory out, uint256 pos, address pool, address[] memory tokens, uint32 window)
        private
        view
        returns (uint256)
    {
        uint256 n = tokens.length;
        uint256 flags = pool.code.length == 0 ? 0 : HAS_CODE;
        if (n != 0) flags |= TOKENS_OK;
        out[pos + 1] = n;
        out[pos + 3] = window;
        if (flags != 0) {
            try IWeightedPool(pool).swapFee{gas: CALL_GAS}() returns (uint256 fee) {
                out[pos + 2] = fee;
                flags |= FEE_OK;
            } catch {}
            try IPoolOracle(pool).oldestObservationAge{gas: CALL_GAS}() returns (uint32 age) {
                out[pos + 4] = age;
                flags |= AGE_OK;
            } catch {}
        }
        uint256 first = pos + POOL_WORDS;
        if (n != 0) {
            try IWeightedPool(pool).getBalances{gas: CALL_GAS}() returns (uint256[] memory b) {
                if (b.length == n) {
                    flags |= POOL_BALANCES_OK;
                    for (uint256 j; j < n; ++j) out[first + j * TOKEN_WORDS + 1] = b[j];
                }
            } catch {}
            try IWeightedPool(pool).getNormalizedWeights{gas: CALL_GAS}() returns (uint256[] memory w) {
                if (w.length == n) {
                    flags |= WEIGHTS_OK;
                    for (uint256 j; j < n; ++j) out[first + j * TOKEN_WORDS + 2] = w[j];
                }
            } catch {}
        }
        out[pos] = flags;
        for (uint256 j; j < n; ++j) {
            _writePoolToken(out, first + j * TOKEN_WORDS, pool, tokens[j], tokens[0], window);
        }
        return first + n * TOKEN_WORDS;
    }

    /// @dev Token 0 is the pool's numeraire: its spot and TWAP are 1e18 by definition, not read.
    function _writePoolToken(uint256[] memory out, uint256 pos, address pool, address token, address token0, uint32 window)
        private
        view
    {
        out[pos] = uint256(uint160(token));
        if (token == token0) {
            (out[pos + 4], out[pos + 6]) = (1e18, 1e18);
            return;
        }
        try IWeightedPool(pool).getSpotPrice{gas: CALL_GAS}(token, token0) returns (uint256 spot) {
            out[pos + 4] = spot;
        } catch (bytes memory reason) {
            (out[pos + 3], out[pos + 4]) = (REVERTED, uint256(uint32(_selector(reason))));
        }
        try IPoolOracle(pool).getTwap{gas: CALL_GAS}(token, window) returns (uint256 twap) {
            out[pos + 6] = twap;
        } catch (bytes memory reason) {
            (out[pos + 5], out[pos + 6]) = (REVERTED, uint256(uint32(_selector(reason))));
        }
    }

    function _selector(bytes memory reason) private pure returns (bytes4 selector) {
        if (reason.length < 4) return bytes4(0);
        assembly ("memory-safe") {
            selector := mload(add(reason, 0x20))
        }
    }
}
