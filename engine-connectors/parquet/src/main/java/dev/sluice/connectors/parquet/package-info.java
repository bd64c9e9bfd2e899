/** Spark's Parquet format on parquet-hadoop: schema mapping, projection, vector converters. */
package dev.sluice.connectors.parquet;
