/**
 * The export benchmark ({@link dev.notionsync.bench.Benchmark}, run by {@code scripts/bench.sh}): the exporter in
 * this JVM against the fake Notion server in a child JVM.
 */
package dev.notionsync.bench;
