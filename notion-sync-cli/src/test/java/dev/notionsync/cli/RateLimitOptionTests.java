package dev.notionsync.cli;

import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.RateLimit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitOptionTests {

    @Test
    void autoTurnsTheAdaptiveRateOn() {
        assertThat(options("--rate-limit", "auto").rateLimit()).isEqualTo(RateLimit.adaptive());
        assertThat(options("--rate-limit", "AUTO").rateLimit().isAdaptive()).isTrue();
    }

    @Test
    void aNumberIsAFixedRateAndTheDefaultIsThree() {
        assertThat(options("--rate-limit", "2.5").rateLimit()).isEqualTo(RateLimit.fixed(2.5));
        assertThat(options("--rate-limit", "0").rateLimit().isUnlimited()).isTrue();
        assertThat(options().rateLimit()).isEqualTo(RateLimit.fixed(NotionClientOptions.DEFAULT_REQUESTS_PER_SECOND));
    }

    @Test
    void anythingElseIsAUsageErrorNamingTheChoices() {
        for (String bad : new String[] {"fast", "-1", "auto3"}) {
            CliRun run = CliRun.of("export", "--token", "t", "--rate-limit", bad);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("--rate-limit").contains("neither auto nor a number");
        }
    }

    private static NotionClientOptions options(String... args) {
        ExportCommand command = new ExportCommand();
        String[] withToken = new String[args.length + 2];
        withToken[0] = "--token";
        withToken[1] = "secret_test";
        System.arraycopy(args, 0, withToken, 2, args.length);
        new CommandLine(command).parseArgs(withToken);
        return command.connection.toOptions().build();
    }
}
