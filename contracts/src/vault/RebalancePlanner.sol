// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IRebalancingVault} from "../interfaces/IRebalancingVault.sol";
import {IPriceRouter} from "../interfaces/IPriceRouter.sol";
import {IPriceSource} from "../interfaces/IPriceSource.sol";
import {IVenue} from "../interfaces/IVenue.sol";
import {IAuctionVenue} from "../interfaces/IAuctionVenue.sol";
import {PriceRouter} from "../oracle/PriceRouter.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {VaultMath} from "./VaultMath.sol";
import {Drift} from "./Drift.sol";
import {VaultConfig} from "./VaultConfig.sol";

/// @title On-chain rebalance planner behind the vault's checkUpkeep
/// @notice Reads the vault through its public views and proposes legs that move every asset a common fraction f of the
///         way to its target, f = min(1, cap / total overweight value), pairing overweight sellers with underweight
///         buyers greedily, all through the vault's first venue that trades on demand (see swapVenue). Shrinking every deviation by the same factor (rather
///         than fixing the worst pair first) is what lets each capped slice lower the maximum deviation even when
///         several assets tie for it. It also checks a proposed timelock change against the bounds. A separate
///         contract (deployed by the vault) so the vault stays under the code-size limit; it holds no state and no
///         funds, and the vault re-checks every leg it proposes and every change it executes.
contract RebalancePlanner {
    using VaultMath for uint256;

    struct Book {
        address[] assets;
        uint256[] balances;
        uint256[] prices;
        uint256[] scales;
        uint256[] targets;
        uint256[] values;
        uint256 total;
    }

    /// @notice Whether `vault` is due for a rebalance now and, if so, abi-encoded Leg[] for performUpkeep.
    /// @dev Never reverts on oracle failure: reports false instead.
    function plan(IRebalancingVault vault) external view returns (bool upkeepNeeded, bytes memory performData) {
        IRebalancingVault.Params memory p = vault.params();
        address venue = swapVenue(vault);
        uint256 last = vault.lastRebalance();
        if (vault.paused() || venue == address(0) || Drift.inCooldown(p, last)) return (false, "");
        (bool ok, Book memory b) = _book(vault);
        if (!ok || b.total == 0) return (false, "");
        (uint256 d,) = VaultMath.deviations(b.values, b.total, b.targets);
        if (!Drift.isDue(p, d, last)) return (false, "");
        IRebalancingVault.Leg[] memory legs =
            legsFor(b, b.total.mulDown(p.maxTradeFraction), venue, _minOutUnits(p.maxSlippage));
        if (legs.length == 0) return (false, "");
        return (true, abi.encode(legs));
    }

    /// @notice The first of `vault`'s venues that swaps for any caller: not the vault's own Dutch auction, whose
    ///         swapExactIn fills only inside its own bid (NotInBid), so a plan through it could never be performed.
    ///         address(0) when the vault allows no such venue (then nothing is planned).
    /// @dev An auction is recognised by what IAuctionVenue says of itself: `vault()` names this vault. Other venues'
    ///      `vault()` (a Balancer venue's Balancer Vault) or its absence (a revert, short return data) mean a plain
    ///      venue. Read with a fixed 32-byte return buffer, so a venue cannot make the read costly.
    function swapVenue(IRebalancingVault vault) public view returns (address) {
        address[] memory venues = vault.venues();
        for (uint256 i; i < venues.length; ++i) {
            if (!_servesVault(venues[i], address(vault))) return venues[i];
        }
        return address(0);
    }

    function _servesVault(address venue, address vault) private view returns (bool serves) {
        bytes4 sel = IAuctionVenue.vault.selector;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, sel)
            let ok := staticcall(gas(), venue, ptr, 4, ptr, 32)
            serves := and(and(ok, eq(returndatasize(), 32)), eq(mload(ptr), vault))
        }
    }

    /// @notice Checks a proposal of the calling vault: `target` must be the vault (see checkChange) or its price router,
    ///         where only setSources (validated by the router as setSources would) and acceptOwnership may be
    ///         queued. Never the router's transferOwnership: once the vault owns its router it owns it for good.
    function checkProposal(address target, bytes calldata call, uint256 assetCount) external view {
        if (target == msg.sender) return checkChange(call, assetCount);
        address router = IRebalancingVault(msg.sender).priceRouter();
        if (target != router) revert IRebalancingVault.UnknownTarget(target);
        bytes4 sel = _selector(call);
        if (sel == PriceRouter.setSources.selector) {
            (address asset, IPriceSource[] memory sources, uint8 quorum, uint256 maxDeviation) =
                abi.decode(call[4:], (address, IPriceSource[], uint8, uint256));
            PriceRouter(router).validateSources(asset, sources, quorum, maxDeviation);
        } else if (sel != Ownable2Step.acceptOwnership.selector) {
            revert IRebalancingVault.UnknownChange(sel);
        }
    }

    /// @notice Reverts with the vault's custom error when `call` is not one of the vault's timelocked setters or is
    ///         out of bounds, so a change that could never execute is refused when proposed. Called by the vault
    ///         (msg.sender) when a change is proposed and again when it executes: a venue is allowed, and a TWAP window
    ///         set, only while every allowed venue guarantees that window (VenueWindowTooShort), read from the vault's
    ///         current params and venues.
    function checkChange(bytes calldata call, uint256 assetCount) public view {
        bytes4 sel = _selector(call);
        if (sel == IRebalancingVault.setParams.selector) {
            IRebalancingVault.Params memory p = abi.decode(call[4:], (IRebalancingVault.Params));
            VaultConfig.validateParams(p);
            address[] memory venues = IRebalancingVault(msg.sender).venues();
            for (uint256 i; i < venues.length; ++i) {
                _requireWindow(venues[i], p.twapWindow);
            }
        } else if (sel == IRebalancingVault.setTargetWeights.selector) {
            VaultConfig.validateWeights(abi.decode(call[4:], (uint256[])), assetCount);
        } else if (sel == IRebalancingVault.setTimelockDelay.selector) {
            VaultConfig.validateDelay(abi.decode(call[4:], (uint256)));
        } else if (sel == IRebalancingVault.setVenue.selector || sel == IRebalancingVault.setKeeper.selector) {
            (address account, bool allowed) = abi.decode(call[4:], (address, bool));
            if (account == address(0)) revert IRebalancingVault.ZeroAddress();
            // removing a venue only narrows where the vault trades
            if (allowed && sel == IRebalancingVault.setVenue.selector) {
                _requireWindow(account, IRebalancingVault(msg.sender).params().twapWindow);
            }
        } else if (sel != Ownable2Step.transferOwnership.selector && sel != IRebalancingVault.setDepositCap.selector) {
            // neither has bounds: any owner may be proposed (the delay is the check), any cap (0 = uncapped)
            revert IRebalancingVault.UnknownChange(sel);
        }
    }

    /// @dev A venue whose guaranteed history is shorter than the window would let trading (a dust swap per block)
    ///      make every rebalance through it revert. 0 is a spot-only venue (no TWAP of its own): the vault never
    ///      reads its TWAP.
    function _requireWindow(address venue, uint32 twapWindow) private view {
        uint32 guaranteed = IVenue(venue).guaranteedWindow();
        if (guaranteed != 0 && guaranteed < twapWindow) revert IRebalancingVault.VenueWindowTooShort(venue, guaranteed, twapWindow);
    }

    /// @notice The legs for a given book and value cap; at most n - 1, each buying at least `minOutUnits` raw units;
    ///         empty when nothing is worth trading.
    function legsFor(Book memory b, uint256 cap, address venue, uint256 minOutUnits)
        public
        pure
        returns (IRebalancingVault.Leg[] memory legs)
    {
        (uint256[] memory over, uint256[] memory under, uint256 totalOver) = _gaps(b);
        if (totalOver > cap) {
            for (uint256 i; i < over.length; ++i) {
                over[i] = over[i] * cap / totalOver;
                under[i] = under[i] * cap / totalOver;
            }
        }
        legs = _match(b, over, under, venue, minOutUnits);
    }

    function _selector(bytes calldata call) private pure returns (bytes4) {
        return call.length >= 4 ? bytes4(call[:4]) : bytes4(0);
    }

    /// @dev Smallest output, in raw units, whose one-unit rounding stays under half the slippage budget: smaller legs
    ///      (dust, or coarse tokens with few decimals) could never meet the vault's on-chain min-out.
    function _minOutUnits(uint256 maxSlippage) private pure returns (uint256) {
        return 2e18 / maxSlippage + 1;
    }

    function _book(IRebalancingVault vault) private view returns (bool ok, Book memory b) {
        b.assets = vault.assets();
        b.balances = vault.balances();
        b.targets = vault.targetWeights();
        IPriceRouter router = IPriceRouter(vault.priceRouter());
        uint256 n = b.assets.length;
        b.prices = new uint256[](n);
        b.scales = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            b.scales[i] = 10 ** IERC20Metadata(b.assets[i]).decimals();
            try router.getPrice(b.assets[i]) returns (uint256 price) {
                if (price == 0) return (false, b);
                b.prices[i] = price;
            } catch {
                return (false, b);
            }
        }
        (b.total, b.values) = VaultMath.valuesDown(b.balances, b.prices, b.scales);
        ok = true;
    }

    /// @dev Value each asset is above (over) or below (under) its target.
    function _gaps(Book memory b)
        private
        pure
        returns (uint256[] memory over, uint256[] memory under, uint256 totalOver)
    {
        uint256 n = b.values.length;
        over = new uint256[](n);
        under = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            uint256 goal = b.total.mulDown(b.targets[i]);
            if (b.values[i] > goal) {
                over[i] = b.values[i] - goal;
                totalOver += over[i];
            } else {
                under[i] = goal - b.values[i];
            }
        }
    }

    function _match(Book memory b, uint256[] memory over, uint256[] memory under, address venue, uint256 minOutUnits)
        private
        pure
        returns (IRebalancingVault.Leg[] memory legs)
    {
        uint256 n = over.length;
        legs = new IRebalancingVault.Leg[](n);
        uint256 count;
        uint256 i;
        uint256 j;
        while (i < n && j < n) {
            if (over[i] == 0) {
                ++i;
                continue;
            }
            if (under[j] == 0) {
                ++j;
                continue;
            }
            uint256 v = over[i] < under[j] ? over[i] : under[j];
            over[i] -= v;
            under[j] -= v;
            // amountDown then the vault's valueUp never exceeds v, so the legs stay inside the cap
            uint256 amountIn = v.amountDown(b.prices[i], b.scales[i]);
            if (amountIn > b.balances[i]) amountIn = b.balances[i];
            bool enough = v.amountDown(b.prices[j], b.scales[j]) >= minOutUnits;
            if (amountIn > 0 && enough && count < n) {
                legs[count++] = IRebalancingVault.Leg(venue, b.assets[i], b.assets[j], amountIn);
            }
        }
        assembly ("memory-safe") {
            mstore(legs, count)
        }
    }
}
