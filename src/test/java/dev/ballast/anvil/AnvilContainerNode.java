package dev.ballast.anvil;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Anvil in a container, for machines with a Docker engine ({@code -Dballast.anvil=container}). Uses Foundry's image
 * at the same version as the npm toolchain. Machines without Docker (this project's CI) use {@link AnvilProcess}.
 */
final class AnvilContainerNode implements AnvilNode {
    static final DockerImageName IMAGE = DockerImageName.parse("ghcr.io/foundry-rs/foundry:v1.7.1");
    private static final int PORT = 8545;

    private final GenericContainer<?> container;

    private AnvilContainerNode(GenericContainer<?> container) {
        this.container = container;
    }

    static AnvilContainerNode start() {
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                // The image's entrypoint is `sh -c`, so the whole command line is one argument.
                .withCommand(new String[] {"anvil --host 0.0.0.0 --port " + PORT + " --chain-id " + AnvilOptions.DEFAULT_CHAIN_ID})
                .withExposedPorts(PORT)
                .waitingFor(Wait.forLogMessage(".*Listening on.*", 1));
        container.start();
        return new AnvilContainerNode(container);
    }

    @Override
    public String rpcUrl() {
        return "http://" + container.getHost() + ":" + container.getMappedPort(PORT);
    }

    @Override
    public void close() {
        container.stop();
    }
}
