package dev.notionsync.cli;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.watch.NotionWatch;
import dev.notionsync.core.watch.WatchEvent;
import dev.notionsync.core.watch.WatchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** {@code notion-sync watch}: keeps an export folder in step with Notion from webhook events. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Listen for Notion webhook events and keep an export folder up to date: each changed page "
                + "is fetched again within seconds, and a full export runs on a schedule.")
final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ContentOptions content;

    @Mixin
    ConfigOptions config;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "The export folder (default: the profile's out).")
    Path out;

    @Option(names = "--listen", paramLabel = "HOST:PORT", required = true,
            description = "Address to receive webhooks on, e.g. 127.0.0.1:8080 behind a reverse proxy or tunnel "
                    + "(Notion needs a public HTTPS URL), or 0.0.0.0:8080 for every interface.")
    String listen;

    @Option(names = "--webhook-secret-file", paramLabel = "FILE",
            description = "File holding the subscription's verification token, which signs the events (default: "
                    + "env NOTION_WEBHOOK_SECRET, else DIR/.notion-sync/webhook-token). When no token is known, "
                    + "the one Notion's handshake sends is saved there.")
    Path secretFile;

    @Option(names = "--debounce", paramLabel = "DURATION", defaultValue = "2s",
            converter = ConnectionOptions.DurationConverter.class,
            description = "Quiet time after a page's last event before it is fetched (default: ${DEFAULT-VALUE}).")
    Duration debounce;

    @Option(names = "--reconcile-every", paramLabel = "DURATION", defaultValue = "24h",
            converter = ConnectionOptions.DurationConverter.class,
            description = "Time between full exports that catch what webhooks missed (default: ${DEFAULT-VALUE}).")
    Duration reconcileEvery;

    @Option(names = "--no-reconcile-at-start", negatable = false,
            description = "Do not run a full export when the watch starts.")
    boolean noReconcileAtStart;

    @Override
    public Integer call() throws Exception {
        // a malformed file is a ConfigException: one line and exit code 2 (Failures)
        ConfigLayering.apply(config.load(), config.profile, spec.commandLine().getParseResult(), connection, content,
                "--out", folder -> out = folder);
        if (out == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--out=DIR' (or out: in "
                    + "the profile of " + ConfigFile.DEFAULT_NAME + ")");
        }
        connection.requireToken(spec.commandLine(), "");
        ExportSpec export = content.applyTo(ExportSpec.builder(), spec.commandLine())
                .outputDir(OutputFolder.require(out, "--out")).build();
        WatchOptions.Builder options = WatchOptions.builder(export)
                .debounce(debounce)
                .reconcileEvery(reconcileEvery)
                .reconcileAtStart(!noReconcileAtStart);
        listen(options);
        if (secretFile != null) {
            options.secretFile(secretFile);
        }
        options.secret(secretFile != null && Files.exists(secretFile) ? read(secretFile)
                : System.getenv("NOTION_WEBHOOK_SECRET"));
        PrintWriter err = spec.commandLine().getErr();
        try (NotionClient client = NotionClient.create(connection.toOptions().build())) {
            CompletableFuture<Void> done = NotionWatch.create(client, options.build()).run()
                    .doOnNext(event -> print(event, err))
                    .then().toFuture();
            // Ctrl-C or SIGTERM stops the endpoint and the running fetch; acknowledged events stay in the journal
            try (Interruption interruption = new Interruption(done, () -> {
                err.println("watch stopped: events acknowledged and not yet fetched are applied at the next start");
                err.flush();
            })) {
                try {
                    done.get();
                    return ExitCodes.OK;
                } catch (CancellationException cancelled) {
                    interruption.awaitEnd();
                    return ExitCodes.INTERRUPTED;
                } catch (InterruptedException stopped) {
                    done.cancel(true);
                    throw stopped;
                } catch (ExecutionException failure) {
                    throw failure.getCause() instanceof Exception cause ? cause : failure;
                }
            }
        }
    }

    private void listen(WatchOptions.Builder options) {
        int colon = listen.lastIndexOf(':');
        String host = colon > 0 ? listen.substring(0, colon) : WatchOptions.DEFAULT_HOST;
        String port = colon >= 0 ? listen.substring(colon + 1) : listen;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65_535) {
            throw new ParameterException(spec.commandLine(), "--listen '" + listen
                    + "' is not HOST:PORT, e.g. 127.0.0.1:8080");
        }
        options.listen(host, Integer.parseInt(port));
    }

    private String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException error) {
            throw new ParameterException(spec.commandLine(), "--webhook-secret-file " + file
                    + " cannot be read: " + error.getMessage());
        }
    }

    private static void print(WatchEvent event, PrintWriter err) {
        if (event instanceof WatchEvent.Listening listening) {
            err.println("Listening for Notion webhooks on http://" + listening.address().getHostString() + ":"
                    + listening.address().getPort() + "/ (any path)"
                    + (listening.pending() > 0 ? "; applying " + listening.pending() + " pending events" : ""));
        } else if (event instanceof WatchEvent.VerificationReceived verification) {
            err.println("Notion sent the verification token " + verification.token());
            err.println(verification.savedTo() != null
                    ? "  saved to " + verification.savedTo() + "; paste it in Notion (your connection > Webhooks > "
                            + "Verify) to start the subscription"
                    : "  not used: another token is configured; to switch, put it in --webhook-secret-file");
        } else if (event instanceof WatchEvent.Rejected rejected) {
            err.println("Refused a webhook request (" + rejected.reason() + ", HTTP " + rejected.status() + ")");
        } else if (event instanceof WatchEvent.FetchFinished finished) {
            err.println((finished.reconcile() ? "Reconciled the whole export" : "Fetched " + finished.objects().size()
                    + " changed objects") + " in " + finished.took().toMillis() + " ms (" + finished.events()
                    + " events applied)");
        } else if (event instanceof WatchEvent.FetchFailed failed) {
            err.println("Fetch failed, retrying in " + failed.retryIn().toSeconds() + " s: " + failed.message());
        } else if (event instanceof WatchEvent.Export export && export.event() instanceof ExportEvent.PageFailed f) {
            err.println("  " + f.id() + ": " + f.reason() + ": " + f.message());
        }
        err.flush();
    }
}
