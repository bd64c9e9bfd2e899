/**
 * Machinery shared by several connectors: {@link dev.sluice.connectors.support.Redaction} (secrets never
 * shown) and {@link dev.sluice.connectors.support.SinkCheckpoint} (the query id exactly-once sinks record).
 */
package dev.sluice.connectors.support;
