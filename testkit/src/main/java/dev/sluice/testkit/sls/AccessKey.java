package dev.sluice.testkit.sls;

import java.util.Objects;

/** One configured credential: an AccessKey pair, optionally bound to an STS security token. */
final class AccessKey {

    private final String id;
    private final String secret;
    private final String securityToken;

    AccessKey(String id, String secret, String securityToken) {
        this.id = Objects.requireNonNull(id, "id");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.securityToken = securityToken;
    }

    String id() {
        return id;
    }

    String secret() {
        return secret;
    }

    /** The token a request signed with this key must carry in x-acs-security-token; null for a permanent key. */
    String securityToken() {
        return securityToken;
    }

    @Override
    public String toString() {
        return "AccessKey[" + id + (securityToken == null ? "" : ", sts") + "]";
    }
}
