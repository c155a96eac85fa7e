/**
 * The retail demo warehouse of DESIGN section 4, generated into a DuckDB file.
 *
 * <p>{@link io.asklayer.demo.RetailDemoGenerator} writes every table of the design, deterministic for
 * a given {@link io.asklayer.demo.DemoOptions} (scale and seed): small tables from Java with a seeded
 * {@link java.util.Random}, the large ones (sales lines, returns, reviews) inside DuckDB with
 * hash-based choices. Scale 1 is about ten million sales lines; dates run from 2023-01-01 through
 * 2025-12-31 at every scale. The data carries the patterns answers should show: a fourth-quarter
 * peak, regional and channel differences, channel-dependent discounts, daily FX moves, and one product
 * per category with a planted defect that its returns, low-rated reviews and supplier emails share.
 *
 * <p>{@link io.asklayer.demo.DemoWarehouse} locates (and on first use generates) the default demo
 * file under {@code ~/.asklayer/demo/}. The engine never depends on this package.
 */
package io.asklayer.demo;
