/** Spark's text format: one string column per line or per file. */
package dev.sluice.connectors.text;
