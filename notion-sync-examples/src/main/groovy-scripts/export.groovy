// Exports a whole Notion workspace from Groovy: closures stand in for Reactor's Consumer, Function and Predicate.
//
//   NOTION_TOKEN=ntn_... groovy -cp notion-sync-cli/target/notion-sync.jar \
//       notion-sync-examples/src/main/groovy-scripts/export.groovy backup
//
// Settings come from the script's binding when it has them (GroovyShell, tests), else from the environment:
// NOTION_TOKEN (required), NOTION_API_URL (default https://api.notion.com), NOTION_RATE_LIMIT (requests per
// second, default 3; 0 turns the limiter off, for local servers only). The first argument is the output folder
// (default backup). The script's value is the ExportEvent.Finished event.

import dev.notionsync.core.NotionClient
import dev.notionsync.core.NotionClientOptions
import dev.notionsync.core.SearchQuery
import dev.notionsync.core.export.ExportEvent
import dev.notionsync.core.export.ExportSpec
import dev.notionsync.core.export.NotionSync
import dev.notionsync.writers.CsvWriter
import dev.notionsync.writers.HtmlWriter
import dev.notionsync.writers.JsonWriter
import dev.notionsync.writers.MarkdownWriter

import java.nio.file.Path

def setting = { String name, String fallback ->
    def value = binding.hasVariable(name) ? binding.getVariable(name) : System.getenv(name)
    value ? value.toString() : fallback
}

def token = setting('NOTION_TOKEN', null)
if (!token) {
    throw new IllegalStateException('Set NOTION_TOKEN to an integration token (and NOTION_API_URL for another server).')
}
def argv = binding.hasVariable('args') ? binding.getVariable('args') as List : []
def out = Path.of(argv ? argv[0].toString() : 'backup')

NotionClient notion = NotionClient.create(NotionClientOptions.builder()
        .baseUrl(setting('NOTION_API_URL', NotionClientOptions.DEFAULT_BASE_URL))
        .token(token)
        .requestsPerSecond(setting('NOTION_RATE_LIMIT', '3') as double)
        .build())

// A small query: Function and Predicate closures, one HTTP request.
def titles = notion.search(SearchQuery.pages())
        .take(5)
        .filter { it.object() == 'page' }
        .map { it.title() }
        .collectList()
        .block()
println "Some pages: ${titles.join(', ')}"

// The export: a Consumer closure prints every event; the last one is Finished.
def spec = ExportSpec.builder()
        .outputDir(out)
        .writers(JsonWriter.create(), MarkdownWriter.create(), HtmlWriter.create(), CsvWriter.create())
        .build()
ExportEvent.Finished done = NotionSync.create(notion)
        .export(spec)
        .doOnNext { e -> println e }
        .ofType(ExportEvent.Finished)
        .blockLast()

def summary = done.summary()
println "Exported ${summary.pages()} pages, ${summary.databases()} databases and ${summary.files()} files " +
        "into ${out} with ${summary.apiRequests()} API requests and ${summary.failureCount()} failures"
done
