/**
 * The {@code asklayer} command line: {@code shell} (sqlline through the driver), {@code query} and
 * {@code -e} (one statement, printed as a table or CSV), {@code eval} (question sets with gold SQL,
 * {@code AskEval}), {@code serve} (the server of {@code io.asklayer.server}), {@code hash-password}
 * (a users-file line), {@code load} (many clients against a server) and {@code generate} (the
 * retail demo warehouse). Each command is a picocli class; connection options are shared through
 * {@code ConnectionOptions}, which turns them into a {@code jdbc:asklayer:} URL, embedded or, with
 * {@code --server}, remote. {@code ClassDataArchive} (run by {@code package}) trains the class-data
 * archive {@code bin/asklayer} starts with, through {@code ClassDataTraining}.
 */
package io.asklayer.cli;
