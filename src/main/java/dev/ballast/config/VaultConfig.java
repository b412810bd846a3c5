package dev.ballast.config;

/**
 * @param address  the vault contract, EIP-55 checksummed
 * @param name     short name for logs and metrics
 * @param policy   the effective policy: the file's defaults with this vault's overrides applied
 * @param approval whether the keeper sends or proposes, and the Safe holding the keeper role (vaults[i].mode, .safe)
 */
public record VaultConfig(String address, String name, PolicyConfig policy, ApprovalConfig approval) {
    /** A vault whose keeper sends what it decides (mode: send, no Safe). */
    public VaultConfig(String address, String name, PolicyConfig policy) {
        this(address, name, policy, ApprovalConfig.SEND);
    }
}
