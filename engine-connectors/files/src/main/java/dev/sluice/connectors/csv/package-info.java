/** Spark's CSV format: RFC 4180 tokenizer, options, parse modes and schema inference. */
package dev.sluice.connectors.csv;
