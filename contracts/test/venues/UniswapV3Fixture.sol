// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IUniswapV3Factory} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Factory.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {IUniswapV3MintCallback} from "@uniswap/v3-core/contracts/interfaces/callback/IUniswapV3MintCallback.sol";
import {IUniswapV3SwapCallback} from "@uniswap/v3-core/contracts/interfaces/callback/IUniswapV3SwapCallback.sol";
import {ISwapRouter} from "@uniswap/v3-periphery/contracts/interfaces/ISwapRouter.sol";
import {Test} from "../utils/Test.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {UniswapV3Math} from "../../src/libraries/UniswapV3Math.sol";

/// @notice Provides liquidity to real V3 pools: pays what `mint` asks in the mint callback by minting the (freely
///         mintable) test tokens straight to the pool.
contract V3LiquidityProvider is IUniswapV3MintCallback {
    function mint(IUniswapV3Pool pool, int24 lower, int24 upper, uint128 liquidity) external {
        pool.mint(address(this), lower, upper, liquidity, "");
    }

    function uniswapV3MintCallback(uint256 owed0, uint256 owed1, bytes calldata) external {
        IUniswapV3Pool pool = IUniswapV3Pool(msg.sender);
        if (owed0 > 0) MockERC20(pool.token0()).mint(msg.sender, owed0);
        if (owed1 > 0) MockERC20(pool.token1()).mint(msg.sender, owed1);
    }
}

/// @notice Swaps directly on a V3 pool with no adapter, paying in the callback from its own balance: the baseline the
///         venue's gas is compared with, and the tool tests use to move a pool's price.
contract V3DirectSwapper is IUniswapV3SwapCallback {
    function swapExactIn(IUniswapV3Pool pool, bool zeroForOne, uint256 amountIn, address recipient)
        external
        returns (uint256 amountOut)
    {
        (int256 a0, int256 a1) = pool.swap(
            recipient,
            zeroForOne,
            int256(amountIn),
            zeroForOne ? UniswapV3Math.MIN_SQRT_RATIO + 1 : UniswapV3Math.MAX_SQRT_RATIO - 1,
            ""
        );
        amountOut = uint256(-(zeroForOne ? a1 : a0));
    }

    function uniswapV3SwapCallback(int256 d0, int256 d1, bytes calldata) external {
        IUniswapV3Pool pool = IUniswapV3Pool(msg.sender);
        if (d0 > 0) MockERC20(pool.token0()).transfer(msg.sender, uint256(d0));
        if (d1 > 0) MockERC20(pool.token1()).transfer(msg.sender, uint256(d1));
    }
}

/// @dev Cheatcodes this fixture needs beyond test/utils/Vm.sol.
interface VmExtra {
    function chainId(uint256 newChainId) external;
    function cool(address target) external;
}

/// @notice The real Uniswap V3: UniswapV3Factory (whose CREATE2 pools are the real UniswapV3Pool bytecode, init code
///         hash 0xe34f...8b54 as on mainnet) and the periphery SwapRouter, deployed from the npm packages' artifacts.
///         Tokens USDC (6 decimals), WBTC (8), WETH (18), deployed so that USDC < WETH < WBTC by address: the
///         USDC/WETH pool then has a positive tick (~ +200,000) and the WBTC pools negative ones, so both rounding
///         sides of the mean tick are exercised. Pools start at realistic prices (never tick 0, whose bitmap word
///         boundary makes the first swap cost more), each with a full-range position plus a concentrated one.
abstract contract UniswapV3Fixture is Test {
    string internal constant FACTORY_ARTIFACT =
        "node_modules/@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json";
    string internal constant ROUTER_ARTIFACT =
        "node_modules/@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json";
    VmExtra internal constant vmx = VmExtra(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant T0 = 1_700_000_000;
    /// @dev The router's WETH9 is only used for ETH payments, which these tests never make.
    address internal constant WETH9_UNUSED = address(0xE7E9);

    uint256 internal constant ETH_USD = 2_000e18;
    uint256 internal constant BTC_USD = 30_000e18;
    uint256 internal constant BTC_ETH = 15e18;

    IUniswapV3Factory internal factory;
    ISwapRouter internal router;
    V3LiquidityProvider internal lp;
    V3DirectSwapper internal swapper;
    MockERC20 internal usdc;
    MockERC20 internal weth;
    MockERC20 internal wbtc;
    uint256 private _salt;

    function _deployUniswapV3() internal {
        vm.warp(T0);
        vm.roll(1_000);
        factory = IUniswapV3Factory(_create(vm.getCode(FACTORY_ARTIFACT)));
        router = ISwapRouter(
            _create(abi.encodePacked(vm.getCode(ROUTER_ARTIFACT), abi.encode(address(factory), WETH9_UNUSED)))
        );
        lp = new V3LiquidityProvider();
        swapper = new V3DirectSwapper();
        usdc = _token("USD Coin", "USDC", 6, address(0));
        weth = _token("Wrapped Ether", "WETH", 18, address(usdc));
        wbtc = _token("Wrapped BTC", "WBTC", 8, address(weth));
    }

    function _create(bytes memory code) internal returns (address deployed) {
        assembly ("memory-safe") {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        require(deployed != address(0), "fixture: deployment failed");
    }

    /// @dev The next CREATE2 salt whose address is above `after_`: a fixed token order whatever the deployer.
    function _token(string memory name, string memory symbol, uint8 decimals, address after_)
        internal
        returns (MockERC20 t)
    {
        while (true) {
            t = new MockERC20{salt: bytes32(++_salt)}(name, symbol, decimals);
            if (address(t) > after_) return t;
        }
    }

    /// @notice A pool of `fee` initialised at `priceWad` whole `quote` per whole `base`.
    function _newPool(MockERC20 base, MockERC20 quote, uint24 fee, uint256 priceWad)
        internal
        returns (IUniswapV3Pool pool)
    {
        pool = IUniswapV3Pool(factory.createPool(address(base), address(quote), fee));
        pool.initialize(sqrtPriceX96For(base, quote, priceWad));
    }

    /// @notice sqrt(token1 raw per token0 raw) * 2^96 for a price of `priceWad` whole `quote` per whole `base`.
    function sqrtPriceX96For(MockERC20 base, MockERC20 quote, uint256 priceWad) internal view returns (uint160) {
        uint256 baseScale = 10 ** base.decimals();
        uint256 quoteScale = 10 ** quote.decimals();
        (uint256 num, uint256 den) = address(base) < address(quote)
            ? (priceWad * quoteScale, 1e18 * baseScale)
            : (1e18 * baseScale, priceWad * quoteScale);
        return uint160(Math.sqrt(Math.mulDiv(num, 1 << 192, den)));
    }

    /// @notice Full-range liquidity holding about `amount1` raw of token 1 (and its value in token 0), plus a
    ///         concentrated position of `concentratedMultiple` times that liquidity over +-`halfWidth` spacings around
    ///         the current tick.
    function _addLiquidity(IUniswapV3Pool pool, uint256 amount1, uint128 concentratedMultiple, int24 halfWidth)
        internal
        returns (uint128 liquidity)
    {
        (uint160 sqrtP, int24 tick,,,,,) = pool.slot0();
        int24 spacing = pool.tickSpacing();
        liquidity = uint128(Math.mulDiv(amount1, 1 << 96, sqrtP));
        int24 edge = UniswapV3Math.MAX_TICK / spacing * spacing;
        lp.mint(pool, -edge, edge, liquidity);
        if (concentratedMultiple > 0) {
            int24 centre = _floorTo(tick, spacing);
            lp.mint(pool, centre - halfWidth * spacing, centre + halfWidth * spacing, liquidity * concentratedMultiple);
        }
    }

    function _floorTo(int24 tick, int24 spacing) internal pure returns (int24) {
        int24 q = tick / spacing;
        if (tick < 0 && tick % spacing != 0) q--;
        return q * spacing;
    }

    /// @notice Moves time and blocks forward by `seconds_` (12-second blocks).
    function _advance(uint256 seconds_) internal virtual {
        vm.warp(block.timestamp + seconds_);
        vm.roll(block.number + seconds_ / 12 + 1);
    }

    /// @notice Sells `amountIn` of `tokenIn` on `pool` through the plain swapper (minting what it needs).
    function _trade(IUniswapV3Pool pool, address tokenIn, uint256 amountIn) internal returns (uint256) {
        MockERC20(tokenIn).mint(address(swapper), amountIn);
        return swapper.swapExactIn(pool, tokenIn == pool.token0(), amountIn, address(this));
    }

    function _tick(IUniswapV3Pool pool) internal view returns (int24 tick) {
        (, tick,,,,,) = pool.slot0();
    }
}
