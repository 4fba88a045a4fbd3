/**
 * A fake Notion REST API ({@link dev.notionsync.testkit.FakeNotionServer}) serving a deterministic, procedurally
 * generated {@link dev.notionsync.testkit.Workspace}, with scriptable faults ({@link dev.notionsync.testkit.FaultPlan}).
 */
package dev.notionsync.testkit;
