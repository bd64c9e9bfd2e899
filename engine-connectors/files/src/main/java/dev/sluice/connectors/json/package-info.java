/** Spark's JSON format (JSON Lines and multi-line documents) on Jackson's streaming API. */
package dev.sluice.connectors.json;
