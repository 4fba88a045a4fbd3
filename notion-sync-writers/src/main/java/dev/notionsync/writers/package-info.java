/**
 * Writers of an export: {@link dev.notionsync.writers.JsonWriter} (lossless JSON),
 * {@link dev.notionsync.writers.MarkdownWriter} (CommonMark with GFM tables and task lists, YAML front matter),
 * {@link dev.notionsync.writers.HtmlWriter} (a browsable offline site built from the Markdown) and
 * {@link dev.notionsync.writers.CsvWriter} (one RFC 4180 file per data source). All of them name files with the
 * export's shared naming policy, so links between formats resolve.
 */
package dev.notionsync.writers;
