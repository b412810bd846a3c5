// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {VaultFixture} from "../vault/VaultFixture.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockPriceRouter} from "../mocks/MockPriceRouter.sol";
import {VaultLens} from "../../src/lens/VaultLens.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {WeightedPoolFactory} from "../../src/pool/WeightedPoolFactory.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {MockVenue} from "../mocks/MockVenue.sol";

/// @notice Runs the lens the way the keeper does: its constructor reverts with the result, which try/catch on the
///         creation hands back as bytes.
contract VaultLensTest is VaultFixture {
    uint256 internal constant HEADER = 7;
    uint256 internal constant VAULT_WORDS = 17;
    uint256 internal constant PAIR_WORDS = 3;
    uint256 internal constant ASSET_WORDS = 7;
    uint256 internal constant POOL_WORDS = 5;
    uint256 internal constant TOKEN_WORDS = 7;

    function _run(address[] memory vaults, address[] memory pools, uint32[] memory windows)
        internal
        returns (uint256[] memory words)
    {
        return _run(vaults, new address[](vaults.length), pools, windows);
    }

    function _run(address[] memory vaults, address[] memory venues, address[] memory pools, uint32[] memory windows)
        internal
        returns (uint256[] memory words)
    {
        try new VaultLens(vaults, venues, pools, windows) {
            vm.assertTrue(false, "the lens must revert with its result");
        } catch (bytes memory data) {
            vm.assertEq(uint256(bytes32(data)), 0x20, "payload, not an error");
            words = abi.decode(data, (uint256[]));
        }
    }

    function _one(address a) internal pure returns (address[] memory r) {
        r = new address[](1);
        r[0] = a;
    }

    function test_readsEveryVaultValue() public {
        _seed();
        _govern(abi.encodeCall(IRebalancingVault.setDepositCap, (5_000_000e18)));
        tokens[1].mint(address(vault), 7); // a donation: token balance above the accounted balance
        uint256[] memory w = _run(_one(address(vault)), new address[](0), new uint32[](0));

        vm.assertEq(w[0], 4, "w[0]");
        vm.assertEq(w[1], block.number, "w[1]");
        vm.assertEq(w[2], block.timestamp, "w[2]");
        vm.assertGt(w[3], 0, "w[3]");
        vm.assertEq(w[4], 1, "w[4]");
        vm.assertEq(w[5], 0, "w[5]");
        vm.assertEq(w.length, HEADER + VAULT_WORDS + 4 * ASSET_WORDS, "w.length");
        uint256 v = HEADER;
        vm.assertEq(w[v] & 0x3ff, 1 | 2 | 8 | 16 | 32 | 64 | 128 | 256 | 512, "flags: all ok, not paused");
        vm.assertEq(w[v + 1], 4, "w[v + 1]");
        vm.assertEq(w[v + 2], vault.lastRebalance(), "w[v + 2]");
        vm.assertEq(w[v + 3], uint256(uint160(address(router))), "w[v + 3]");
        vm.assertEq(w[v + 4], vault.totalSupply(), "w[v + 4]");
        IRebalancingVault.Params memory p = vault.params();
        vm.assertEq(w[v + 5], p.band, "w[v + 5]");
        vm.assertEq(w[v + 7], p.interval, "w[v + 7]");
        vm.assertEq(w[v + 11], p.twapWindow, "w[v + 11]");
        vm.assertEq(w[v + 14], p.singleAssetFee, "w[v + 14]");
        vm.assertEq(w[v + 15], 0, "no venue asked for");
        vm.assertEq(w[v + 16], 5_000_000e18, "depositCap");
        uint256[] memory accounted = vault.balances();
        uint256[] memory targets = vault.targetWeights();
        for (uint256 j; j < 4; ++j) {
            uint256 a = v + VAULT_WORDS + j * ASSET_WORDS;
            vm.assertEq(w[a], uint256(uint160(assetList[j])), "w[a]");
            vm.assertEq(w[a + 1], tokens[j].decimals(), "w[a + 1]");
            vm.assertEq(w[a + 2], IERC20(assetList[j]).balanceOf(address(vault)), "w[a + 2]");
            vm.assertEq(w[a + 3], accounted[j], "w[a + 3]");
            vm.assertEq(w[a + 4], targets[j], "w[a + 4]");
            vm.assertEq(w[a + 5], 0, "w[a + 5]");
            vm.assertEq(w[a + 6], router.price(assetList[j]), "w[a + 6]");
        }
        vm.assertEq(w[v + VAULT_WORDS + ASSET_WORDS + 2], accounted[1] + 7, "w[v + VAULT_WORDS + ASSET_WORDS + 2]");
    }

    function test_failingPriceRecordsTheSelector() public {
        router.setFailing(assetList[2], true);
        vm.prank(GUARDIAN);
        vault.pause();
        uint256[] memory w = _run(_one(address(vault)), new address[](0), new uint32[](0));

        uint256 a = HEADER + VAULT_WORDS + 2 * ASSET_WORDS;
        vm.assertEq(w[a + 5], 1, "reverted");
        vm.assertEq(w[a + 6], uint256(uint32(MockPriceRouter.MockPriceUnavailable.selector)), "w[a + 6]");
        vm.assertEq(w[HEADER] & 4, 4, "paused flag");
        vm.assertEq(w[a - ASSET_WORDS + 5], 0, "others still priced");
    }

    function test_sharedAssetsArePricedOnceAndCopied() public {
        address[] memory pair = new address[](2);
        pair[0] = assetList[0];
        pair[1] = assetList[1];
        uint256[] memory half = new uint256[](2);
        (half[0], half[1]) = (5e17, 5e17);
        address second = address(_deployVault(pair, half, defaultParams()));
        address[] memory vaults = new address[](2);
        (vaults[0], vaults[1]) = (address(vault), second);

        uint256[] memory w = _run(vaults, new address[](0), new uint32[](0));

        uint256 b = HEADER + VAULT_WORDS + 4 * ASSET_WORDS;
        vm.assertEq(w[b + 1], 2, "w[b + 1]");
        vm.assertEq(w[b + VAULT_WORDS + 6], router.price(assetList[0]), "w[b + VAULT_WORDS + 6]");
        vm.assertEq(w[b + VAULT_WORDS + ASSET_WORDS + 6], router.price(assetList[1]), "w[b + VAULT_WORDS + ASSET_WORDS + 6]");
    }

    function test_nonContractVaultIsFlaggedNotFatal() public {
        address[] memory vaults = new address[](2);
        (vaults[0], vaults[1]) = (address(0xBEEF), address(vault));
        uint256[] memory w = _run(vaults, new address[](0), new uint32[](0));

        vm.assertEq(w[HEADER], 0, "w[HEADER]");
        vm.assertEq(w[HEADER + 1], 0, "w[HEADER + 1]");
        vm.assertEq(w[HEADER + VAULT_WORDS + 1], 4, "the next vault still read");
    }

    function test_readsPoolSpotAndFlagsAnUncoveredTwap() public {
        WeightedPoolFactory factory = new WeightedPoolFactory();
        IERC20[] memory pts = new IERC20[](2);
        (pts[0], pts[1]) = (IERC20(assetList[1]), IERC20(assetList[0]));
        uint256[] memory weights = new uint256[](2);
        (weights[0], weights[1]) = (5e17, 5e17);
        WeightedPool pool = WeightedPool(factory.create("LP", "LP", pts, weights, 3e15));
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (2_000_000e6, 1000e18);
        for (uint256 i; i < 2; ++i) {
            MockERC20(address(pts[i])).mint(address(this), amounts[i]);
            pts[i].approve(address(pool), type(uint256).max);
        }
        pool.joinPool(0, amounts, address(this), type(uint256).max);
        uint32[] memory windows = new uint32[](1);
        windows[0] = 1800;

        uint256[] memory w = _run(new address[](0), _one(address(pool)), windows);

        uint256 p = HEADER;
        vm.assertEq(w.length, HEADER + POOL_WORDS + 2 * TOKEN_WORDS, "w.length");
        vm.assertEq(w[p] & 31, 1 | 2 | 4 | 8 | 16, "w[p] & 31");
        vm.assertEq(w[p + 1], 2, "w[p + 1]");
        vm.assertEq(w[p + 2], 3e15, "w[p + 2]");
        vm.assertEq(w[p + 3], 1800, "w[p + 3]");
        uint256 t1 = p + POOL_WORDS + TOKEN_WORDS;
        vm.assertEq(w[t1], uint256(uint160(assetList[0])), "w[t1]");
        vm.assertEq(w[t1 + 1], 1000e18, "w[t1 + 1]");
        vm.assertEq(w[t1 + 2], 5e17, "w[t1 + 2]");
        vm.assertEq(w[t1 + 3], 0, "w[t1 + 3]");
        vm.assertEq(w[t1 + 4], pool.getSpotPrice(assetList[0], assetList[1]), "w[t1 + 4]");
        vm.assertEq(w[t1 + 5], 1, "window not covered: a flag, not a failure");
        vm.assertTrue(w[t1 + 6] != 0, "revert selector recorded");
        vm.assertEq(w[p + POOL_WORDS + 4], 1e18, "token 0 prices itself");
    }

    function test_readsManyVaultsBeyondTheCodeSizeLimit() public {
        address[] memory vaults = new address[](60);
        for (uint256 i; i < vaults.length; ++i) {
            vaults[i] = address(vault);
        }
        uint256[] memory w = _run(vaults, new address[](0), new uint32[](0));
        vm.assertEq(w.length, HEADER + 60 * (VAULT_WORDS + 4 * ASSET_WORDS), "60 vaults, 82 KB of words");
        vm.assertEq(w[HEADER + 59 * (VAULT_WORDS + 4 * ASSET_WORDS) + 1], 4, "last vault read");
    }

    function test_mismatchedWindowsRevert() public {
        try new VaultLens(new address[](0), new address[](0), _one(address(1)), new uint32[](0)) {
            vm.assertTrue(false, "must revert");
        } catch (bytes memory data) {
            vm.assertEq(bytes32(data), bytes32(abi.encodeWithSelector(VaultLens.LengthMismatch.selector, 1, 0)), "error");
        }
        try new VaultLens(_one(address(vault)), new address[](0), new address[](0), new uint32[](0)) {
            vm.assertTrue(false, "must revert");
        } catch (bytes memory data) {
            vm.assertEq(
                bytes32(data), bytes32(abi.encodeWithSelector(VaultLens.VenuesLengthMismatch.selector, 1, 0)), "error"
            );
        }
    }

    /// @dev Every ordered pair, in the direction and over the window the vault's guard asks for.
    function test_readsVenuePricesOfEveryOrderedPair() public {
        _seed();
        venue.setFactors(1e18, 1.01e18, 0.99e18);
        uint256[] memory w = _run(_one(address(vault)), _one(address(venue)), new address[](0), new uint32[](0));

        uint256 v = HEADER;
        vm.assertEq(w[v + VAULT_WORDS - 2], uint256(uint160(address(venue))), "venue word");
        uint256 pos = v + VAULT_WORDS + 4 * ASSET_WORDS;
        vm.assertEq(w.length, pos + 12 * PAIR_WORDS, "4 assets: 12 ordered pairs");
        uint32 window = vault.params().twapWindow;
        for (uint256 i; i < 4; ++i) {
            for (uint256 j; j < 4; ++j) {
                if (i == j) continue;
                vm.assertEq(w[pos], 0, "status ok");
                vm.assertEq(w[pos + 1], venue.spotPrice(assetList[i], assetList[j]), "spot");
                vm.assertEq(w[pos + 2], venue.twapPrice(assetList[i], assetList[j], window), "twap");
                pos += PAIR_WORDS;
            }
        }
    }

    function test_failingVenuePriceIsFlaggedAndSharedVenuesAreCopied() public {
        _seed();
        router.setFailing(assetList[3], true); // the venue prices through the router: pairs with asset 3 revert
        address[] memory vaults = new address[](2);
        (vaults[0], vaults[1]) = (address(vault), address(vault));
        address[] memory venues = new address[](2);
        (venues[0], venues[1]) = (address(venue), address(venue));
        uint256[] memory w = _run(vaults, venues, new address[](0), new uint32[](0));

        uint256 perVault = VAULT_WORDS + 4 * ASSET_WORDS + 12 * PAIR_WORDS;
        uint256 pair03 = HEADER + VAULT_WORDS + 4 * ASSET_WORDS + 2 * PAIR_WORDS; // (0, 3): third pair of asset 0
        vm.assertEq(w[pair03], 1 | 1 << 8, "both reverted");
        vm.assertEq(w[pair03 + 1], uint256(uint32(MockPriceRouter.MockPriceUnavailable.selector)), "spot selector");
        vm.assertEq(w[pair03 - PAIR_WORDS], 0, "(0, 2) still read");
        for (uint256 k; k < 12 * PAIR_WORDS; ++k) {
            uint256 first = HEADER + VAULT_WORDS + 4 * ASSET_WORDS + k;
            vm.assertEq(w[first + perVault], w[first], "the second vault's copy");
        }
    }

    function test_venueWithoutCodeIsNotRead() public {
        _seed();
        uint256[] memory w = _run(_one(address(vault)), _one(address(0xBEEF)), new address[](0), new uint32[](0));
        uint256 pos = HEADER + VAULT_WORDS + 4 * ASSET_WORDS;
        vm.assertEq(w[pos], 3 | 3 << 8, "not read");
        vm.assertEq(w[pos + 1], 0, "no value");
    }

    /// @dev A venue the vault allowed as spot-only: its TWAP is never read (status 4), as the vault never reads it; the
    ///      same venue seen through a vault that does not allow it is read in full.
    function test_spotOnlyVenueTwapIsNotRead() public {
        _seed();
        MockVenue spotOnly = new MockVenue(router);
        spotOnly.setGuaranteedWindow(0);
        _allowVenue(address(spotOnly));
        uint256[] memory w = _run(_one(address(vault)), _one(address(spotOnly)), new address[](0), new uint32[](0));
        uint256 pos = HEADER + VAULT_WORDS + 4 * ASSET_WORDS;
        for (uint256 k; k < 12; ++k) {
            vm.assertEq(w[pos], 4 << 8, "spot ok, TWAP spot-only");
            vm.assertGt(w[pos + 1], 0, "spot read");
            vm.assertEq(w[pos + 2], 0, "no TWAP");
            pos += PAIR_WORDS;
        }
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(spotOnly), false)));
        w = _run(_one(address(vault)), _one(address(spotOnly)), new address[](0), new uint32[](0));
        pos = HEADER + VAULT_WORDS + 4 * ASSET_WORDS;
        vm.assertEq(w[pos], 1 << 8, "not allowed: the TWAP is read, and reverts");
        vm.assertEq(w[pos + 2], uint256(uint32(IVenue.TwapUnsupported.selector)), "its selector");
    }
}
