// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IBalancerV2Vault, IBalancerV2WeightedPool} from "../../src/venues/external/IBalancerV2.sol";
import {IUniswapV2Pair} from "../../src/venues/external/IUniswapV2Pair.sol";

/// @notice The cheatcodes that read the protocols' artifacts (declared here rather than in the shared utils/Vm.sol).
interface ArtifactVm {
    function readFile(string calldata path) external view returns (string memory);
    function parseJsonString(string calldata json, string calldata key) external pure returns (string memory);
    function parseBytes(string calldata stringifiedValue) external pure returns (bytes memory);
}

interface IUniswapV2FactoryLike {
    function createPair(address tokenA, address tokenB) external returns (address pair);
}

interface IUniswapV2PairMint {
    function mint(address to) external returns (uint256 liquidity);
}

interface IBalancerV2WeightedPoolFactoryLike {
    function create(
        string memory name,
        string memory symbol,
        address[] memory tokens,
        uint256[] memory weights,
        uint256 swapFeePercentage,
        address owner
    ) external returns (address);
}

interface IBalancerV2VaultJoin {
    struct JoinPoolRequest {
        address[] assets;
        uint256[] maxAmountsIn;
        bytes userData;
        bool fromInternalBalance;
    }

    function joinPool(bytes32 poolId, address sender, address recipient, JoinPoolRequest memory request)
        external
        payable;
}

/// @notice Deploys the REAL Uniswap V2 factory (v2-core build, solc 0.5.16) and Balancer V2 Authorizer, Vault and
///         WeightedPoolFactory (the 2021-04-18 mainnet deployment's creation code) from contracts/node_modules.
///         Needs foundry.toml's fs_permissions on those folders.
library ProtocolDeployer {
    ArtifactVm internal constant VM = ArtifactVm(address(uint160(uint256(keccak256("hevm cheat code")))));
    string internal constant UNIV2 = "node_modules/@uniswap/v2-core/build/";
    string internal constant BALANCER = "node_modules/@balancer-labs/v2-deployments/dist/tasks/";

    function uniswapV2Factory() internal returns (IUniswapV2FactoryLike) {
        bytes memory code = _artifact(string.concat(UNIV2, "UniswapV2Factory.json"), ".bytecode");
        return IUniswapV2FactoryLike(_create(abi.encodePacked(code, abi.encode(address(0)))));
    }

    /// @return vault The Balancer V2 Vault, its WETH `weth`, no pause window.
    /// @return factory The 2021-04-18 WeightedPoolFactory on that Vault.
    function balancerV2(address weth)
        internal
        returns (IBalancerV2Vault vault, IBalancerV2WeightedPoolFactoryLike factory)
    {
        bytes memory authorizerCode =
            _artifact(string.concat(BALANCER, "20210418-authorizer/bytecode/Authorizer.json"), ".creationCode");
        address authorizer = _create(abi.encodePacked(authorizerCode, abi.encode(address(this))));
        bytes memory vaultCode =
            _artifact(string.concat(BALANCER, "20210418-vault/bytecode/Vault.json"), ".creationCode");
        vault = IBalancerV2Vault(_create(abi.encodePacked(vaultCode, abi.encode(authorizer, weth, 0, 0))));
        bytes memory factoryCode = _artifact(
            string.concat(BALANCER, "20210418-weighted-pool/bytecode/WeightedPoolFactory.json"), ".creationCode"
        );
        factory = IBalancerV2WeightedPoolFactoryLike(_create(abi.encodePacked(factoryCode, abi.encode(vault))));
    }

    /// @notice A V2 pair seeded with `amountA`/`amountB` (this contract must hold them).
    function v2Pair(IUniswapV2FactoryLike factory, address tokenA, uint256 amountA, address tokenB, uint256 amountB)
        internal
        returns (IUniswapV2Pair pair)
    {
        pair = IUniswapV2Pair(factory.createPair(tokenA, tokenB));
        IERC20(tokenA).transfer(address(pair), amountA);
        IERC20(tokenB).transfer(address(pair), amountB);
        IUniswapV2PairMint(address(pair)).mint(address(this));
    }

    /// @notice A Balancer V2 weighted pool over `tokens` (any order: sorted here, with their weights and amounts)
    ///         initialised with `amounts` from this contract.
    function balancerPool(
        IBalancerV2Vault vault,
        IBalancerV2WeightedPoolFactoryLike factory,
        address[] memory tokens,
        uint256[] memory weights,
        uint256[] memory amounts,
        uint256 swapFee
    ) internal returns (bytes32 poolId) {
        _sort(tokens, weights, amounts);
        address pool = factory.create("Balancer Weighted", "BPT", tokens, weights, swapFee, address(this));
        poolId = IBalancerV2WeightedPool(pool).getPoolId();
        for (uint256 i; i < tokens.length; ++i) {
            IERC20(tokens[i]).approve(address(vault), type(uint256).max);
        }
        IBalancerV2VaultJoin(address(vault))
            .joinPool(
                poolId,
                address(this),
                address(this),
                IBalancerV2VaultJoin.JoinPoolRequest(tokens, amounts, abi.encode(uint256(0), amounts), false) // INIT
            );
    }

    function _artifact(string memory path, string memory key) private view returns (bytes memory) {
        return VM.parseBytes(string.concat("0x", VM.parseJsonString(VM.readFile(path), key)));
    }

    function _create(bytes memory initCode) private returns (address deployed) {
        assembly ("memory-safe") {
            deployed := create(0, add(initCode, 0x20), mload(initCode))
        }
        require(deployed != address(0), "ProtocolDeployer: create failed");
    }

    function _sort(address[] memory tokens, uint256[] memory weights, uint256[] memory amounts) private pure {
        for (uint256 i = 1; i < tokens.length; ++i) {
            for (uint256 j = i; j > 0 && tokens[j - 1] > tokens[j]; --j) {
                (tokens[j - 1], tokens[j]) = (tokens[j], tokens[j - 1]);
                (weights[j - 1], weights[j]) = (weights[j], weights[j - 1]);
                (amounts[j - 1], amounts[j]) = (amounts[j], amounts[j - 1]);
            }
        }
    }
}
