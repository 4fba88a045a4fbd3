/**
 * Records for Notion objects. Each keeps the raw JSON it was read from, so nothing is lost on the way through.
 */
package dev.notionsync.core.model;
