package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The {@code /_admin/} routes of a {@link StandaloneFakeServer}: counters, the server's own CPU time, workspace
 * edits and the minimum request count. No token; never counted as API requests.
 */
final class AdminRoutes {

    private final Workspace workspace;
    private final Gateway gateway;
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder serviceNanos = new LongAdder();
    private volatile ObjectNode minimum;

    AdminRoutes(Workspace workspace, Gateway gateway) {
        this.workspace = workspace;
        this.gateway = gateway;
    }

    /** Records one answered API request: its status and how long the server took from request to response. */
    void answered(int status, long nanos) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        serviceNanos.add(nanos);
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String route = request.method().name() + " " + uri.path().substring(StandaloneFakeServer.ADMIN_PREFIX.length());
        Mono<ObjectNode> body = switch (route) {
            case "GET stats" -> Mono.fromCallable(this::stats);
            case "POST reset" -> Mono.fromCallable(this::reset);
            case "POST edit" -> offLoop(() -> edit(uri.parameters()));
            case "GET minimum" -> offLoop(this::minimum);
            default -> Mono.error(new IllegalArgumentException("no admin route " + route
                    + " (GET stats, POST reset, POST edit?fraction=F&seed=S, GET minimum)"));
        };
        return request.receive().then(body)
                .flatMap(json -> send(response, 200, json))
                .onErrorResume(IllegalArgumentException.class,
                        e -> send(response, 400, Json.obj().put("error", e.getMessage())));
    }

    private static Mono<ObjectNode> offLoop(Callable<ObjectNode> work) {
        // edits and the minimum walk the workspace: keep them off the event loop that serves the API
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    private static Mono<Void> send(HttpServerResponse response, int status, ObjectNode json) {
        Reply reply = Reply.json(status, json);
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(reply.body().length))
                .sendByteArray(Mono.just(reply.body()))
                .then();
    }

    private ObjectNode stats() {
        ObjectNode out = Json.obj();
        out.put("requests", gateway.requests.get());
        out.put("rateLimited", gateway.rateLimited.get());
        out.put("downloads", gateway.downloads.get());
        ObjectNode routes = out.putObject("byRoute");
        gateway.countsByRoute().forEach(routes::put);
        ObjectNode statuses = out.putObject("byStatus");
        new TreeMap<>(byStatus).forEach((status, count) -> statuses.put(String.valueOf(status), count.sum()));
        out.put("serviceNanos", serviceNanos.sum());
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        out.put("cpuNanos", cpu);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        out.put("heapUsed", memory.getHeapMemoryUsage().getUsed());
        out.put("uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
        return out;
    }

    private ObjectNode reset() {
        gateway.resetCounters();
        byStatus.clear();
        serviceNanos.reset();
        return stats();
    }

    private ObjectNode edit(Map<String, List<String>> parameters) {
        double fraction = Double.parseDouble(parameter(parameters, "fraction", "0.01"));
        long seed = Long.parseLong(parameter(parameters, "seed", "1"));
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], was " + fraction);
        }
        List<String> candidates = new ArrayList<>(workspace.pageIds().toList());
        Collections.shuffle(candidates, new Random(seed));
        long wanted = Math.max(1, Math.round(fraction * candidates.size()));
        long edited = 0;
        List<String> editedIds = new ArrayList<>();
        for (int i = 0; i < candidates.size() && edited < wanted; i++) {
            try {
                workspace.editPageText(candidates.get(i), "Edited by the benchmark (seed " + seed + ", edit " + edited + ")");
                editedIds.add(candidates.get(i));
                edited++;
            } catch (IllegalArgumentException noTextBlock) {
                // a page without a top-level text block cannot take this edit; the next candidate does
            }
        }
        minimum = null;
        long needed;
        synchronized (workspace) {
            needed = MinimumRequests.forPages(workspace.model(), editedIds);
        }
        // needed: the fewest requests the edited pages' content takes once a listing returned them
        return Json.obj().put("edited", edited).put("pages", candidates.size()).put("needed", needed);
    }

    private ObjectNode minimum() {
        ObjectNode known = minimum;
        if (known == null) {
            synchronized (workspace) {
                known = MinimumRequests.of(workspace.model());
            }
            minimum = known;
        }
        return known;
    }

    private static String parameter(Map<String, List<String>> parameters, String name, String fallback) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
