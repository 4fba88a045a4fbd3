/**
 * Writers of an export: {@link dev.notionsync.writers.JsonWriter} (lossless JSON) and
 * {@link dev.notionsync.writers.MarkdownWriter} (CommonMark with GFM tables and task lists, YAML front matter).
 */
package dev.notionsync.writers;
