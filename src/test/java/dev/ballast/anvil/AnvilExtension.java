package dev.ballast.anvil;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 fixture: one Anvil per test class, reverted to a snapshot after every test so tests stay independent and
 * fast. Tests receive an {@link AnvilChain} parameter (constructor, lifecycle or test method).
 *
 * <p>By default Anvil runs as a local process from {@code contracts/node_modules} (no Docker needed). With
 * {@code -Dballast.anvil=container} it runs in a container through Testcontainers instead, where a Docker engine
 * exists.
 */
public final class AnvilExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AnvilExtension.class);
    private static final String CHAIN = "chain";
    private static final String SNAPSHOT = "snapshot";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AnvilChain.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return chain(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put(SNAPSHOT, chain(context).rpc().snapshot());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String id = context.getStore(NS).remove(SNAPSHOT, String.class);
        if (id != null) chain(context).rpc().revert(id);
    }

    /** The class-level chain, started on first use and closed when the test class finishes. */
    private static AnvilChain chain(ExtensionContext context) {
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isPresent()
                ? context.getParent().orElse(context)
                : context;
        return classContext.getStore(NS).getOrComputeIfAbsent(CHAIN, key -> new AnvilChain(startNode()), AnvilChain.class);
    }

    private static AnvilNode startNode() {
        String mode = System.getProperty("ballast.anvil", "process");
        return switch (mode) {
            case "process" -> AnvilProcess.start(AnvilOptions.defaults());
            case "container" -> AnvilContainerNode.start();
            default -> throw new IllegalArgumentException(
                    "-Dballast.anvil must be 'process' or 'container', got '" + mode + "'");
        };
    }
}
