/**
 * Document retrieval: {@link io.asklayer.engine.retrieval.DocumentIndex}, a Lucene index of one
 * principal's documents (BM25 over an English analyzer, plus sentence vectors in HNSW when the
 * in-process embedding model is present, fused by reciprocal rank), refreshed incrementally and
 * never served half built; and the theme a set of documents shares (tf-idf against a background).
 * The session package reads the documents through the principal's secured tables and exposes
 * {@code search_documents} and ASK's document answers. See {@code docs/documents.md}.
 */
package io.asklayer.engine.retrieval;
