// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "../utils/Test.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockPriceRouter} from "../mocks/MockPriceRouter.sol";
import {MockVenue} from "../mocks/MockVenue.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {IPriceRouter} from "../../src/interfaces/IPriceRouter.sol";

/// @notice Vault over four mock assets of 18, 6, 8 and 0 decimals ($2000, $1, $30000, $1), a settable-price router and an infinitely deep
///         mock venue. The test contract is the owner; GUARDIAN and KEEPER are plain addresses.
abstract contract VaultFixture is Test {
    address internal constant GUARDIAN = address(0x6A);
    address internal constant KEEPER = address(0x4B);
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    uint256 internal constant DELAY = 1 days;

    MockERC20[] internal tokens;
    address[] internal assetList;
    MockPriceRouter internal router;
    MockVenue internal venue;
    RebalancingVault internal vault;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        router = new MockPriceRouter();
        uint8[4] memory dec = [18, 6, 8, 0];
        uint256[4] memory px = [uint256(2000e18), 1e18, 30_000e18, 1e18];
        for (uint256 i; i < 4; ++i) {
            MockERC20 t = new MockERC20("Asset", "AST", dec[i]);
            tokens.push(t);
            assetList.push(address(t));
            router.setPrice(address(t), px[i]);
        }
        venue = new MockVenue(IPriceRouter(address(router)));
        vault = _deployVault(assetList, _equalWeights(4), defaultParams());
        _allowVenue(address(venue));
        _addKeeper(KEEPER);
    }

    function _deployVault(address[] memory assets_, uint256[] memory weights, IRebalancingVault.Params memory p)
        internal
        returns (RebalancingVault v)
    {
        v = new RebalancingVault(
            "Ballast Vault", "bVLT", IPriceRouter(address(router)), assets_, weights, p, address(this), GUARDIAN, DELAY
        );
    }

    function defaultParams() internal pure returns (IRebalancingVault.Params memory p) {
        p = IRebalancingVault.Params({
            band: 5e16,
            mode: IRebalancingVault.DriftMode.BAND,
            interval: 7 days,
            cooldown: 1 hours,
            maxSlippage: 1e16,
            maxTradeFraction: 5e17,
            twapWindow: 30 minutes,
            maxSpotTwapDeviation: 2e16,
            maxOracleVenueDeviation: 2e16,
            singleAssetFee: 3e15
        });
    }

    function _equalWeights(uint256 n) internal pure returns (uint256[] memory w) {
        w = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            w[i] = 1e18 / n;
        }
        w[0] += 1e18 - (1e18 / n) * n;
    }

    // ---------------------------------------------------------------- governance helpers

    function _govern(bytes memory call) internal {
        vault.propose(address(vault), call);
        uint256 nonce = vault.proposalCount();
        vm.warp(block.timestamp + DELAY);
        vault.execute(address(vault), call, nonce);
    }

    /// @dev Adds a keeper as the timelock's execute() would (the path itself is tested in VaultGovernance).
    function _addKeeper(address keeper) internal {
        vm.prank(address(vault));
        vault.setKeeper(keeper, true);
    }

    function _allowVenue(address v) internal {
        _govern(abi.encodeCall(IRebalancingVault.setVenue, (v, true)));
    }

    /// @dev _allowVenue's timelock round, expecting VenueSet(v, true, twapChecked, payee) from execute().
    function _allowExpecting(address v, bool twapChecked, address payee) internal {
        bytes memory call = abi.encodeCall(IRebalancingVault.setVenue, (v, true));
        vault.propose(address(vault), call);
        uint256 nonce = vault.proposalCount();
        vm.warp(block.timestamp + DELAY);
        vm.expectEmit(address(vault));
        emit IRebalancingVault.VenueSet(v, true, twapChecked, payee);
        vault.execute(address(vault), call, nonce);
    }

    /// @dev One leg selling `value` (numeraire) of asset 0 for asset 1 through `v`.
    function _legVia(address v, uint256 value) internal view returns (IRebalancingVault.Leg[] memory legs) {
        legs = new IRebalancingVault.Leg[](1);
        legs[0] = IRebalancingVault.Leg(v, assetList[0], assetList[1], value * 1e18 / router.price(assetList[0]));
    }

    function _setParams(IRebalancingVault.Params memory p) internal {
        _govern(abi.encodeCall(IRebalancingVault.setParams, (p)));
    }

    // ---------------------------------------------------------------- money helpers

    /// @dev Raw amounts worth `valueEach` (18-dec numeraire) of every asset at current router prices.
    function _amountsWorth(uint256 valueEach) internal view returns (uint256[] memory a) {
        a = new uint256[](assetList.length);
        for (uint256 i; i < a.length; ++i) {
            a[i] = valueEach * 10 ** tokens[i].decimals() / router.price(assetList[i]);
        }
    }

    function _fund(address who, uint256[] memory amounts) internal {
        for (uint256 i; i < amounts.length; ++i) {
            tokens[i].mint(who, amounts[i]);
            vm.prank(who);
            IERC20(address(tokens[i])).approve(address(vault), type(uint256).max);
        }
    }

    function _deposit(address who, uint256[] memory amounts) internal returns (uint256 shares) {
        _fund(who, amounts);
        vm.prank(who);
        (shares,) = vault.deposit(amounts, 0, who);
    }

    /// @dev First deposit: $250k of each asset by ALICE (vault at target).
    function _seed() internal returns (uint256 shares) {
        shares = _deposit(ALICE, _amountsWorth(250_000e18));
    }

    function _leg(uint256 i, uint256 j, uint256 amountIn) internal view returns (IRebalancingVault.Leg[] memory legs) {
        legs = new IRebalancingVault.Leg[](1);
        legs[0] = IRebalancingVault.Leg(address(venue), assetList[i], assetList[j], amountIn);
    }

    /// @dev Raises asset 0's price by `bps` basis points, pushing the vault off target.
    function _movePrice(uint256 i, uint256 bps) internal {
        router.setPrice(assetList[i], router.price(assetList[i]) * (10_000 + bps) / 10_000);
    }

    function _rebalanceAs(address who, IRebalancingVault.Leg[] memory legs) internal {
        vm.prank(who);
        vault.rebalance(legs);
    }

    function _valueOf(uint256 i, uint256 amount) internal view returns (uint256) {
        return amount * router.price(assetList[i]) / 10 ** tokens[i].decimals();
    }
}
