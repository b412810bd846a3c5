package dev.ballast.cli.pool;

import dev.ballast.contracts.WeightedPool;
import java.math.BigInteger;
import java.util.List;

/** The pool's list-returning query functions, typed (the generated wrapper returns raw lists). */
final class Quotes {
    private Quotes() {}

    @SuppressWarnings("unchecked")
    static List<BigInteger> join(WeightedPool pool, BigInteger lp) throws Exception {
        return (List<BigInteger>) pool.queryJoin(lp).send();
    }

    @SuppressWarnings("unchecked")
    static List<BigInteger> exit(WeightedPool pool, BigInteger lp) throws Exception {
        return (List<BigInteger>) pool.queryExit(lp).send();
    }
}
