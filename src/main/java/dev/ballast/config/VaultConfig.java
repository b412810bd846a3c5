package dev.ballast.config;

/**
 * @param address  the vault contract, EIP-55 checksummed
 * @param name     short name for logs and metrics
 * @param policy   the effective policy: the file's defaults with this vault's overrides applied
 */
public record VaultConfig(String address, String name, PolicyConfig policy) {
}
