package dev.orchestrator.gate.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

    @Test
    void masksValuesOfSecretNamedVariablesAndUrlPasswordsEverywhere() {
        SecretMasker masker = new SecretMasker();
        masker.addFromEnvironment(Map.of(
                "ANTHROPIC_API_KEY", "sk-ant-test-123456",
                "GITHUB_PAT", "ghp_abcdef",
                "POSTGRES_PASSWORD", "pw-secret-1",
                "DATABASE_URL", "postgresql://orchestrator:url-secret-9@db:5432/orchestrator",
                "LOG_LEVEL", "INFO"));
        String masked = masker.mask("key sk-ant-test-123456 pat ghp_abcdef pw pw-secret-1 url postgresql://orchestrator:url-secret-9@db:5432/o level INFO");
        assertThat(masked).doesNotContain("sk-ant-test-123456", "ghp_abcdef", "pw-secret-1", "url-secret-9")
                .contains("INFO").contains("postgresql://orchestrator:****@db");
    }

    @Test
    void credentialsInAnyUrlAreMaskedEvenWhenUnknown() {
        assertThat(new SecretMasker().mask("https://user:hunter2@example.invalid/x")).isEqualTo("https://user:****@example.invalid/x");
    }

    @Test
    void namesThatLookLikeSecrets() {
        assertThat(SecretMasker.isSecretName("ANTHROPIC_API_KEY")).isTrue();
        assertThat(SecretMasker.isSecretName("GITHUB_PAT")).isTrue();
        assertThat(SecretMasker.isSecretName("PAT")).isTrue();
        assertThat(SecretMasker.isSecretName("SLACK_TOKEN")).isTrue();
        assertThat(SecretMasker.isSecretName("CLIENT_SECRET")).isTrue();
        assertThat(SecretMasker.isSecretName("PATH")).isFalse();
        assertThat(SecretMasker.isSecretName("LOG_LEVEL")).isFalse();
    }
}
