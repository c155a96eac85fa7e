/**
 * The {@code asklayer} command line: {@code shell} (sqlline through the driver), {@code query} and
 * {@code -e} (one statement, printed as a table or CSV), and {@code generate} (the retail demo
 * warehouse). Each command is a picocli class; connection options are shared through
 * {@code ConnectionOptions}, which turns them into a {@code jdbc:asklayer:} URL.
 */
package io.asklayer.cli;
