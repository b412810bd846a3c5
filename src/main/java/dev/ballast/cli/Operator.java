package dev.ballast.cli;

import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.Proposal;
import dev.ballast.approval.ProposalStatus;
import dev.ballast.config.ApprovalConfig;
import dev.ballast.config.KeeperConfig;
import dev.ballast.config.VaultConfig;
import java.util.Map;
import java.util.stream.Collectors;
import org.web3j.crypto.Keys;

/** Who an operator command journals as acting, and the look-ups the approval commands share. */
final class Operator {
    private Operator() {}

    /** The configured signer's address when its key is available, and the OS user in any case. */
    static String who(KeeperConfig config) {
        String user = "OS user " + System.getProperty("user.name", "unknown");
        try {
            return Keys.toChecksumAddress(config.signer().loadCredentials(KeeperOptions.environment::get)
                    .getAddress()) + " (" + user + ")";
        } catch (RuntimeException e) { // SignerException, or a key variable that is not set
            return user; // a hold must work when the key is not at hand (that may be why the vault is held)
        }
    }

    /** The proposal {@code id}, or a bad-input error naming ID. */
    static Proposal proposal(ApprovalJournal journal, KeeperConfig config, long id) {
        return journal.proposal(id).orElseThrow(() -> new UserInputException("ID: there is no proposal #" + id
                + " in journal " + config.journalTarget().display() + " (list them with `ballast proposals`)"));
    }

    /** {@code p} when it is OPEN; otherwise a bad-input error naming ID and its status. */
    static Proposal open(Proposal p) {
        if (p.status() != ProposalStatus.OPEN) {
            throw new UserInputException("ID: proposal #" + p.id() + " is " + p.status()
                    + (p.statusReason() == null ? "" : " (" + p.statusReason() + ")") + ", not OPEN");
        }
        return p;
    }

    /** The config's vault of {@code p}, or a bad-input error. */
    static VaultConfig vaultOf(KeeperConfig config, Proposal p) {
        return config.vaults().stream().filter(v -> v.address().equalsIgnoreCase(p.vault())).findFirst()
                .orElseThrow(() -> new UserInputException("ID: proposal #" + p.id() + " is for vault " + p.vault()
                        + ", which is not in " + "the config"));
    }

    /** Vault address → approval config, for the keeper's proposal desk. */
    static Map<String, ApprovalConfig> approvals(KeeperConfig config) {
        return config.vaults().stream().collect(Collectors.toMap(VaultConfig::address, VaultConfig::approval));
    }
}
