package dev.notionsync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fake server in a child JVM ({@code dev.notionsync.testkit.FakeNotionServerMain}) started from this JVM's
 * class path, so the exporter's heap and CPU are measured without the server's. The child stops when its standard
 * input closes, so it never outlives the benchmark.
 */
final class ServerProcess implements ServerHandle {

    private static final String MAIN = "dev.notionsync.testkit.FakeNotionServerMain";
    private static final String LISTENING = "LISTENING ";
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final String baseUrl;

    private ServerProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * A launcher of child JVMs.
     *
     * @param heap the child's {@code -Xmx}, e.g. {@code 1g}
     * @param logDir where each child's standard error goes
     * @return the launcher
     */
    static ServerHandle.Launcher launcher(String heap, Path logDir) {
        return new ServerHandle.Launcher() {
            @Override
            public ServerHandle start(int pages, long seed, double rateLimit, int burst) throws IOException {
                return start(pages, seed, rateLimit, burst, 0);
            }

            @Override
            public ServerHandle start(int pages, long seed, double rateLimit, int burst, int windowSeconds)
                    throws IOException {
                return ServerProcess.start(heap, logDir, pages, seed, rateLimit, burst, windowSeconds);
            }
        };
    }

    private static ServerProcess start(String heap, Path logDir, int pages, long seed, double rateLimit, int burst,
            int windowSeconds) throws IOException {
        Files.createDirectories(logDir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-cp", System.getProperty("java.class.path"),
                MAIN,
                "--pages", String.valueOf(pages),
                "--seed", String.valueOf(seed),
                "--rate-limit", String.valueOf(rateLimit),
                "--burst", String.valueOf(burst),
                "--window", String.valueOf(windowSeconds),
                "--port", "0"));
        Path log = logDir.resolve("server-" + pages + "-" + System.currentTimeMillis() + ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String first;
        try {
            first = line.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while the fake server started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the fake server did not start within " + START_TIMEOUT_SECONDS + " s; see " + log, e);
        }
        if (first == null || !first.startsWith(LISTENING)) {
            process.destroyForcibly();
            throw new IOException("the fake server did not start (it printed " + first + "); see " + log);
        }
        return new ServerProcess(process, first.substring(LISTENING.length()).trim());
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
