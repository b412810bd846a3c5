package dev.ballast.anvil;

/** Child-JVM helper for {@link AnvilProcessTest}: starts Anvil, reports its pid, then waits to be killed. */
public final class AnvilOrphanProbe {
    private AnvilOrphanProbe() {}

    public static void main(String[] args) throws Exception {
        AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults());
        long anvilPid = ProcessHandle.of(anvil.pid()).orElseThrow().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("anvil")).orElse(false))
                .findFirst().orElseThrow().pid();
        System.out.println("ANVIL_PID " + anvilPid);
        System.out.flush();
        Thread.sleep(120_000);
    }
}
