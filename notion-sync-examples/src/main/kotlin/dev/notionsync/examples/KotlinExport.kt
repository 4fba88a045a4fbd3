@file:JvmName("KotlinExport")

package dev.notionsync.examples

import dev.notionsync.core.NotionClient
import dev.notionsync.core.NotionClientOptions
import dev.notionsync.core.SearchQuery
import dev.notionsync.core.export.ExportEvent
import dev.notionsync.core.export.ExportSpec
import dev.notionsync.core.export.NotionSync
import dev.notionsync.core.model.Page
import dev.notionsync.writers.CsvWriter
import dev.notionsync.writers.HtmlWriter
import dev.notionsync.writers.JsonWriter
import dev.notionsync.writers.MarkdownWriter
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactive.awaitSingle
import kotlinx.coroutines.runBlocking
import java.nio.file.Path
import kotlin.system.exitProcess

/**
 * Exports a whole Notion workspace from Kotlin, with coroutines instead of Reactor operators.
 *
 * ```
 * NOTION_TOKEN=ntn_... mvn -q -pl notion-sync-examples exec:java \
 *     -Dexec.mainClass=dev.notionsync.examples.KotlinExport -Dexec.args=backup
 * ```
 *
 * Environment: `NOTION_TOKEN` (required), `NOTION_API_URL` (default `https://api.notion.com`),
 * `NOTION_RATE_LIMIT` (requests per second, default 3; 0 turns the limiter off, for local servers only).
 * The only argument is the output folder (default `backup`).
 */
fun main(args: Array<String>) {
    val token = System.getenv("NOTION_TOKEN")
    if (token.isNullOrBlank()) {
        System.err.println("Set NOTION_TOKEN to an integration token (and NOTION_API_URL for another server).")
        exitProcess(2)
    }
    val baseUrl = System.getenv("NOTION_API_URL")?.takeIf { it.isNotBlank() } ?: NotionClientOptions.DEFAULT_BASE_URL
    val requestsPerSecond = System.getenv("NOTION_RATE_LIMIT")?.takeIf { it.isNotBlank() }?.toDouble()
        ?: NotionClientOptions.DEFAULT_REQUESTS_PER_SECOND
    val out = Path.of(args.firstOrNull() ?: "backup")

    val summary = exportWorkspace(baseUrl, token, out, requestsPerSecond)
    println(
        "Exported ${summary.pages()} pages (${summary.rows()} rows), ${summary.databases()} databases and " +
            "${summary.blocks()} blocks into $out: ${summary.files()} files, ${summary.apiRequests()} API requests, " +
            "${summary.failureCount()} failures, in ${summary.duration().toMillis()} ms"
    )
}

/**
 * Creates a client of the Notion API at [baseUrl].
 */
fun notionClient(baseUrl: String, token: String, requestsPerSecond: Double): NotionClient =
    NotionClient.create(
        NotionClientOptions.builder()
            .baseUrl(baseUrl)
            .token(token)
            .requestsPerSecond(requestsPerSecond)
            .build()
    )

/**
 * Returns the titles of the first [count] pages that search finds: `take` cancels the search after them, so this is
 * one HTTP request however big the workspace is.
 */
suspend fun firstPageTitles(notion: NotionClient, count: Long): List<String> =
    notion.search(SearchQuery.pages())
        .take(count)
        .asFlow()
        .toList()
        .map { if (it is Page) it.title() else it.id() }

/**
 * Exports the workspace at [baseUrl] into [out] as JSON, Markdown, HTML and CSV, printing progress, and returns the
 * export's figures.
 */
@JvmOverloads
fun exportWorkspace(
    baseUrl: String,
    token: String,
    out: Path,
    requestsPerSecond: Double = NotionClientOptions.DEFAULT_REQUESTS_PER_SECOND,
): ExportEvent.Summary = runBlocking {
    val notion = notionClient(baseUrl, token, requestsPerSecond)

    // Mono -> suspend: one value
    val me = notion.me().awaitSingle()
    println("Connected as ${me.name()}")

    // Flux -> Flow -> List: a small query
    println("Some pages: ${firstPageTitles(notion, 5).joinToString()}")

    // the export: a Flux<ExportEvent> collected as a Flow
    val spec = ExportSpec.builder()
        .outputDir(out)
        .writers(JsonWriter.create(), MarkdownWriter.create(), HtmlWriter.create(), CsvWriter.create())
        .build()
    var summary: ExportEvent.Summary? = null
    NotionSync.create(notion).export(spec).asFlow().collect { event ->
        when (event) {
            is ExportEvent.PageExported -> println("exported ${event.kind()} ${event.title()} (${event.blocks()} blocks)")
            is ExportEvent.PageFailed -> System.err.println("failed ${event.id()}: ${event.reason()}: ${event.message()}")
            is ExportEvent.Throttled -> println("Notion asked to slow down: waiting ${event.delay().toMillis()} ms")
            is ExportEvent.Finished -> summary = event.summary()
            else -> {}
        }
    }
    summary ?: error("the export ended without a Finished event")
}
