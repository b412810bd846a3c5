// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {PoolFixture} from "../pool/PoolFixture.sol";
import {DeployPool} from "../../script/DeployPool.s.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {WeightedPoolFactory} from "../../src/pool/WeightedPoolFactory.sol";
import {IWeightedPoolErrors} from "../../src/pool/IWeightedPoolErrors.sol";

/// @notice The forge deployment script: environment parsing, factory reuse, and the pool's own refusals.
contract DeployPoolTest is PoolFixture {
    DeployPool internal script;

    function setUp() public {
        script = new DeployPool();
    }

    /// @dev The only test that touches the process environment (forge runs tests concurrently).
    function test_run_readsTheEnvironment() public {
        IERC20[] memory tokens = _tokens(_d3(18, 6, 8));
        vm.setEnv(
            "POOL_TOKENS",
            string.concat(
                vm.toString(address(tokens[0])), ",", vm.toString(address(tokens[1])), ",", vm.toString(address(tokens[2]))
            )
        );
        vm.setEnv("POOL_WEIGHTS", "500000000000000000,300000000000000000,200000000000000000");
        vm.setEnv("POOL_SWAP_FEE", "3000000000000000");
        vm.setEnv("POOL_NAME", "Script Pool");
        vm.setEnv("POOL_SYMBOL", "SCP");
        vm.setEnv("FACTORY", vm.toString(address(0)));

        (WeightedPoolFactory f, address p) = script.run();

        vm.assertTrue(f.isPool(p), "recorded by the factory");
        WeightedPool pool = WeightedPool(p);
        vm.assertEq(address(pool.getTokens()[1]), address(tokens[1]), "token 1");
        vm.assertEq(pool.getNormalizedWeights()[2], 0.2e18, "weight 2");
        vm.assertEq(pool.swapFee(), 3e15, "fee");
        vm.assertEq(keccak256(bytes(pool.symbol())), keccak256("SCP"), "symbol");
    }

    function test_deploy_factoryOnlyWithoutTokens() public {
        (WeightedPoolFactory f, address p) = script.deploy(WeightedPoolFactory(address(0)), _spec(new IERC20[](0)));
        vm.assertTrue(address(f) != address(0), "factory deployed");
        vm.assertEq(p, address(0), "no pool");
        vm.assertEq(f.allPoolsLength(), 0, "nothing created");
    }

    function test_deploy_reusesAnExistingFactory() public {
        _deployFactory();
        address earlier = factory.create("A", "A", _tokens(_d2(18, 18)), _equalWeights(2), FEE);
        (WeightedPoolFactory f, address p) = script.deploy(factory, _spec(_tokens(_d2(6, 18))));
        vm.assertEq(address(f), address(factory), "same factory");
        vm.assertEq(f.allPoolsLength(), 2, "second pool recorded beside the first");
        vm.assertEq(f.allPools(0), earlier, "first pool kept");
        vm.assertEq(f.allPools(1), p, "new pool appended");
    }

    function test_deploy_revertsWithThePoolsError() public {
        DeployPool.PoolSpec memory spec = _spec(_tokens(_d2(18, 18)));
        spec.weights[1] = 0.4e18;
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.WeightsDoNotSumToOne.selector, 0.9e18));
        script.deploy(WeightedPoolFactory(address(0)), spec);
    }

    function _spec(IERC20[] memory tokens) private pure returns (DeployPool.PoolSpec memory) {
        uint256[] memory weights = tokens.length == 0 ? new uint256[](0) : _equalWeights(tokens.length);
        return DeployPool.PoolSpec({name: "Pool", symbol: "PL", tokens: tokens, weights: weights, swapFee: FEE});
    }
}
