// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IRebalancingVault} from "../interfaces/IRebalancingVault.sol";

/// @title When a rebalance is due
/// @notice One reading of the DriftMode rules, shared by the vault (which reverts with the unmet condition) and the
///         planner behind checkUpkeep (which only asks yes or no), so the two can never disagree.
library Drift {
    /// @notice Reverts with the condition that is not met: DriftWithinBand, CalendarNotDue, or, in
    ///         BAND_OR_CALENDAR mode where neither alone is required, RebalanceNotDue.
    function checkDue(IRebalancingVault.Params memory p, uint256 drift, uint256 lastRebalance) internal view {
        bool bandHit = drift > p.band;
        uint256 dueAt = lastRebalance + p.interval;
        bool calendarHit = block.timestamp >= dueAt;
        IRebalancingVault.DriftMode m = p.mode;
        if (m == IRebalancingVault.DriftMode.BAND_OR_CALENDAR) {
            if (!bandHit && !calendarHit) revert IRebalancingVault.RebalanceNotDue(drift, p.band, dueAt);
            return;
        }
        if (m != IRebalancingVault.DriftMode.CALENDAR && !bandHit) {
            revert IRebalancingVault.DriftWithinBand(drift, p.band);
        }
        if (m != IRebalancingVault.DriftMode.BAND && !calendarHit) revert IRebalancingVault.CalendarNotDue(dueAt);
    }

    function isDue(IRebalancingVault.Params memory p, uint256 drift, uint256 lastRebalance)
        internal
        view
        returns (bool)
    {
        bool bandHit = drift > p.band;
        bool calendarHit = block.timestamp >= lastRebalance + p.interval;
        IRebalancingVault.DriftMode m = p.mode;
        if (m == IRebalancingVault.DriftMode.BAND) return bandHit;
        if (m == IRebalancingVault.DriftMode.CALENDAR) return calendarHit;
        if (m == IRebalancingVault.DriftMode.BAND_OR_CALENDAR) return bandHit || calendarHit;
        return bandHit && calendarHit;
    }

    /// @notice Whether the cooldown since the last rebalance still runs (never before the first rebalance).
    function inCooldown(IRebalancingVault.Params memory p, uint256 lastRebalance) internal view returns (bool) {
        return lastRebalance != 0 && block.timestamp < lastRebalance + p.cooldown;
    }
}
