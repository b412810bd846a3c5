package dev.ballast.cli.pool;

import java.math.BigInteger;
import java.util.List;

/** The pool's list-returning query functions, typed (the generated wrapper returns raw lists). */
final class Quotes {
    private Quotes() {}

    @SuppressWarnings("unchecked")
    static List<BigInteger> join(PoolView view, BigInteger lp) throws Exception {
        return (List<BigInteger>) view.query(view.pool().queryJoin(lp));
    }

    @SuppressWarnings("unchecked")
    static List<BigInteger> exit(PoolView view, BigInteger lp) throws Exception {
        return (List<BigInteger>) view.query(view.pool().queryExit(lp));
    }
}
