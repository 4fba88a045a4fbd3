/**
 * Restore: brings a lossless JSON export back into Notion under a target page ({@link
 * dev.notionsync.core.restore.NotionRestore}), resumably and without creating anything twice.
 */
package dev.notionsync.core.restore;
