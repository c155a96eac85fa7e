package io.asklayer.engine.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One principal's searchable documents (reviews, policies, emails), in a Lucene index in memory:
 * full text with an English analyzer (BM25) and, when the in-process embedding model is present,
 * sentence vectors in an HNSW field; a search fuses the two rankings (reciprocal rank fusion) and
 * filters by source, SKU, supplier, region, date and rating. {@link #refresh} applies what changed
 * (by source, id and content) and commits; searches see the last commit, so the index is never
 * served half built. Building and refreshing take a checkpoint, called between batches, through
 * which the statement that asked can stop them (its cancel or time limit).
 */
public final class DocumentIndex implements AutoCloseable {
  /** How many candidates each ranking contributes before fusion. */
  private static final int CANDIDATES = 100;
  /** Writing more documents than this at once is followed by merging the index to one segment. */
  private static final int MERGE_AFTER = 10_000;
  /** Reciprocal rank fusion's constant. */
  private static final int RRF_K = 60;

  /** One document, as read from the warehouse. */
  public record Doc(String source, String id, String title, String text, LocalDate date,
      String sku, Integer rating, String supplier, String region) {
    String key() {
      return source + ":" + id;
    }

    long version() {
      return Objects.hash(title, text, date, sku, rating, supplier, region);
    }
  }

  /** A search: words, how many results, and filters (each null for none). */
  public record Request(String query, int k, String source, String sku, String supplier,
      String region, LocalDate from, LocalDate to, Integer minRating, Integer maxRating,
      List<String> phrases) {
    public Request {
      phrases = phrases == null ? List.of() : List.copyOf(phrases);
    }

    public static Request of(String query, int k) {
      return new Request(query, k, null, null, null, null, null, null, null, null, List.of());
    }

    public Request withQuery(String q, int n) {
      return new Request(q, n, source, sku, supplier, region, from, to, minRating, maxRating,
          phrases);
    }
  }

  /** A result: the document, its fused score, and a passage with the matching words marked. */
  public record Hit(Doc doc, double score, String snippet) {
  }

  /** What a refresh did. */
  public record Refresh(int added, int changed, int removed, int unchanged, Duration took,
      boolean vectors) {
  }

  private final Analyzer analyzer = new EnglishAnalyzer();
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Embedder embedder;
  private final Map<String, Long> versions = new HashMap<>();
  private final Map<String, String> stems = new java.util.concurrent.ConcurrentHashMap<>();

  public DocumentIndex(Optional<Embedder> embedder) {
    this.embedder = embedder.orElse(null);
    try {
      // A large buffer, so a full build writes few segments: each segment is searched (and its
      // vector graph walked) separately.
      writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
          .setRAMBufferSizeMB(256));
      writer.commit();
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether searches use sentence vectors as well as full text. */
  public boolean hybrid() {
    return embedder != null;
  }

  public synchronized int size() {
    return versions.size();
  }

  /** Brings the index to {@code docs}: adds new ones, replaces changed ones, removes the rest. */
  public Refresh refresh(List<Doc> docs) {
    return refresh(docs, () -> { });
  }

  /**
   * Brings the index to {@code docs}, calling {@code checkpoint} between batches of the slow part
   * (embedding the texts to write); a checkpoint stops the refresh by throwing, and then the index
   * is as it was: nothing is written to it before the last checkpoint has passed.
   */
  public synchronized Refresh refresh(List<Doc> docs, Runnable checkpoint) {
    return apply(docs, checkpoint, false);
  }

  /**
   * A new index of {@code docs}, calling {@code checkpoint} between batches while it embeds and
   * writes them. A checkpoint that throws stops the build: the half-built index is closed and
   * nobody ever sees it.
   */
  public static DocumentIndex build(Optional<Embedder> embedder, List<Doc> docs,
      Runnable checkpoint) {
    DocumentIndex index = new DocumentIndex(embedder);
    try {
      synchronized (index) {
        index.apply(docs, checkpoint, true);
      }
      return index;
    } catch (RuntimeException e) {
      try {
        index.close();
      } catch (IOException | RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** How many documents are embedded, or written to a new index, between two checkpoints. */
  static final int BATCH = 256;

  private Refresh apply(List<Doc> docs, Runnable checkpoint, boolean fresh) {
    long t0 = System.nanoTime();
    Map<String, Doc> wanted = new LinkedHashMap<>();
    docs.forEach(d -> wanted.put(d.key(), d));
    List<Doc> write = new ArrayList<>();
    int added = 0;
    int changed = 0;
    int unchanged = 0;
    for (Doc d : wanted.values()) {
      Long v = versions.get(d.key());
      if (v == null) {
        added++;
        write.add(d);
      } else if (v != d.version()) {
        changed++;
        write.add(d);
      } else {
        unchanged++;
      }
    }
    List<String> gone = versions.keySet().stream().filter(k -> !wanted.containsKey(k)).toList();
    List<float[]> vectors = embedder == null ? null : embed(write, checkpoint);
    checkpoint.run();
    try {
      for (int i = 0; i < write.size(); i++) {
        if (fresh && i > 0 && i % BATCH == 0) {
          // Only a new index may stop while writing: it is thrown away, never half served.
          checkpoint.run();
        }
        Doc d = write.get(i);
        writer.updateDocument(new Term("key", d.key()), document(d,
            vectors == null ? null : vectors.get(i)));
        versions.put(d.key(), d.version());
      }
      for (String k : gone) {
        writer.deleteDocuments(new Term("key", k));
        versions.remove(k);
      }
      if (write.size() > MERGE_AFTER) {
        // After a large write, one segment: a query then walks one vector graph, not many.
        writer.forceMerge(1);
      }
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Refresh(added, changed, gone.size(), unchanged,
        Duration.ofNanos(System.nanoTime() - t0), embedder != null);
  }

  /** The vectors of {@code docs}, a batch at a time with a checkpoint before each. */
  private List<float[]> embed(List<Doc> docs, Runnable checkpoint) {
    List<float[]> out = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i += BATCH) {
      checkpoint.run();
      out.addAll(embedder.embedAll(docs.subList(i, Math.min(docs.size(), i + BATCH)).stream()
          .map(DocumentIndex::embeddable).toList()));
    }
    return out;
  }

  private static String embeddable(Doc d) {
    return d.title() == null ? d.text() : d.title() + ". " + d.text();
  }

  private Document document(Doc d, float[] vector) {
    Document doc = new Document();
    doc.add(new StringField("key", d.key(), Field.Store.YES));
    doc.add(new StringField("source", d.source(), Field.Store.YES));
    doc.add(new StoredField("id", d.id()));
    if (d.title() != null) {
      doc.add(new TextField("title", d.title(), Field.Store.YES));
    }
    doc.add(new TextField("text", d.text(), Field.Store.YES));
    doc.add(new TextField("all", (d.title() == null ? "" : d.title() + " ") + d.text(),
        Field.Store.NO));
    if (d.date() != null) {
      doc.add(new LongPoint("date", d.date().toEpochDay()));
      doc.add(new StoredField("date", d.date().toEpochDay()));
      doc.add(new org.apache.lucene.document.NumericDocValuesField("date",
          d.date().toEpochDay()));
    }
    keyword(doc, "sku", d.sku());
    keyword(doc, "supplier", d.supplier());
    keyword(doc, "region", d.region());
    if (d.rating() != null) {
      doc.add(new IntPoint("rating", d.rating()));
      doc.add(new StoredField("rating", d.rating()));
    }
    if (vector != null) {
      doc.add(new KnnFloatVectorField("vector", vector, VectorSimilarityFunction.COSINE));
    }
    return doc;
  }

  /** A value matched exactly but without regard to case, and stored as written. */
  private static void keyword(Document doc, String field, String value) {
    if (value != null) {
      doc.add(new StringField(field + "_key", value.toLowerCase(Locale.ROOT), Field.Store.NO));
      doc.add(new StoredField(field, value));
    }
  }

  /** The best {@code k} documents for a request. */
  public List<Hit> search(Request r) {
    Query filter = filter(r);
    List<String> terms = analyze(r.query() == null ? "" : r.query());
    IndexSearcher searcher;
    try {
      searcher = searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Map<Integer, Double> fused = new LinkedHashMap<>();
      Query text = null;
      if (!terms.isEmpty()) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String t : terms) {
          q.add(new TermQuery(new Term("all", t)), BooleanClause.Occur.SHOULD);
        }
        text = q.build();
        TopDocs bm25 = searcher.search(and(text, filter), CANDIDATES);
        fuse(fused, bm25.scoreDocs);
      }
      if (embedder != null && r.query() != null && !r.query().isBlank()) {
        // No filter rather than a match-all one: Lucene then walks the graph without first
        // collecting every document into a bit set.
        TopDocs dense = searcher.search(new KnnFloatVectorQuery("vector",
            embedder.embed(r.query()), CANDIDATES,
            filter instanceof MatchAllDocsQuery ? null : filter), CANDIDATES);
        fuse(fused, dense.scoreDocs);
      }
      if (fused.isEmpty() && terms.isEmpty()
          && (r.query() == null || r.query().isBlank())) {
        // No words to rank by: the newest documents that pass the filters.
        TopDocs any = searcher.search(filter, Math.max(r.k(), 1),
            new org.apache.lucene.search.Sort(new org.apache.lucene.search.SortField("date",
                org.apache.lucene.search.SortField.Type.LONG, true)));
        for (ScoreDoc sd : any.scoreDocs) {
          fused.put(sd.doc, 0.0);
        }
      }
      List<Map.Entry<Integer, Double>> best = fused.entrySet().stream()
          .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed())
          .limit(Math.max(r.k(), 0)).toList();
      ScoreDoc[] top = best.stream().map(e -> new ScoreDoc(e.getKey(), e.getValue().floatValue()))
          .toArray(ScoreDoc[]::new);
      String[] snippets = snippets(searcher, terms, top);
      List<Hit> out = new ArrayList<>();
      for (int i = 0; i < top.length; i++) {
        out.add(new Hit(doc(searcher.storedFields().document(top[i].doc)), best.get(i)
            .getValue(), snippets[i]));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        searchers.release(searcher);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void fuse(Map<Integer, Double> fused, ScoreDoc[] ranked) {
    for (int i = 0; i < ranked.length; i++) {
      fused.merge(ranked[i].doc, 1.0 / (RRF_K + i + 1), Double::sum);
    }
  }

  private static Query and(Query q, Query filter) {
    if (filter instanceof MatchAllDocsQuery) {
      return q;
    }
    return new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST)
        .add(filter, BooleanClause.Occur.FILTER).build();
  }

  private Query filter(Request r) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean any = false;
    if (r.source() != null) {
      b.add(new TermQuery(new Term("source", r.source())), BooleanClause.Occur.FILTER);
      any = true;
    }
    if (r.sku() != null) {
      // Documents of the SKU, or that name it in their words (a supplier's email about it).
      BooleanQuery.Builder sku = new BooleanQuery.Builder();
      sku.add(new TermQuery(new Term("sku_key", r.sku().toLowerCase(Locale.ROOT))),
          BooleanClause.Occur.SHOULD);
      List<String> words = analyze(r.sku());
      if (!words.isEmpty()) {
        sku.add(new PhraseQuery("all", words.toArray(String[]::new)), BooleanClause.Occur.SHOULD);
      }
      b.add(sku.build(), BooleanClause.Occur.FILTER);
      any = true;
    }
    for (String[] kv : new String[][] {{"supplier", r.supplier()}, {"region", r.region()}}) {
      if (kv[1] != null) {
        b.add(new TermQuery(new Term(kv[0] + "_key", kv[1].toLowerCase(Locale.ROOT))),
            BooleanClause.Occur.FILTER);
        any = true;
      }
    }
    if (r.from() != null || r.to() != null) {
      b.add(LongPoint.newRangeQuery("date", r.from() == null ? Long.MIN_VALUE
          : r.from().toEpochDay(), r.to() == null ? Long.MAX_VALUE : r.to().toEpochDay()),
          BooleanClause.Occur.FILTER);
      any = true;
    }
    for (String phrase : r.phrases()) {
      List<String> words = analyze(phrase);
      if (!words.isEmpty()) {
        b.add(words.size() == 1 ? new TermQuery(new Term("all", words.get(0)))
            : new PhraseQuery("all", words.toArray(String[]::new)), BooleanClause.Occur.FILTER);
        any = true;
      }
    }
    if (r.minRating() != null || r.maxRating() != null) {
      b.add(IntPoint.newRangeQuery("rating", r.minRating() == null ? Integer.MIN_VALUE
          : r.minRating(), r.maxRating() == null ? Integer.MAX_VALUE : r.maxRating()),
          BooleanClause.Occur.FILTER);
      any = true;
    }
    return any ? b.build() : new MatchAllDocsQuery();
  }

  private String[] snippets(IndexSearcher searcher, List<String> terms, ScoreDoc[] top)
      throws IOException {
    String[] out = new String[top.length];
    if (top.length == 0) {
      return out;
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (String t : terms) {
      q.add(new TermQuery(new Term("text", t)), BooleanClause.Occur.SHOULD);
    }
    UnifiedHighlighter h = UnifiedHighlighter.builder(searcher, analyzer)
        .withFormatter(new DefaultPassageFormatter("[", "]", " ... ", false))
        .withMaxNoHighlightPassages(1).build();
    String[] s = h.highlight("text", terms.isEmpty() ? new MatchAllDocsQuery() : q.build(),
        new TopDocs(new TotalHits(top.length, TotalHits.Relation.EQUAL_TO), top), 2);
    for (int i = 0; i < top.length; i++) {
      out[i] = s[i] == null ? "" : s[i].strip();
    }
    return out;
  }

  private static Doc doc(Document d) {
    Number date = d.getField("date") == null ? null : d.getField("date").numericValue();
    Number rating = d.getField("rating") == null ? null : d.getField("rating").numericValue();
    return new Doc(d.get("source"), d.get("id"), d.get("title"), d.get("text"),
        date == null ? null : LocalDate.ofEpochDay(date.longValue()), d.get("sku"),
        rating == null ? null : rating.intValue(), d.get("supplier"), d.get("region"));
  }

  /** The analyzed terms of a text: lower case, English stems, no stop words. */
  List<String> analyze(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("all", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * What a set of documents has in common: the {@code n} words most typical of them, weighed by
   * the share of them using the word times how rare it is in the whole index (tf-idf over the
   * set). Words only one of them uses, and words most of the {@code background} uses too (for a
   * product's complaints, its satisfied reviews: its name and the review template), and the
   * words of {@code exclude}, are left out; each is shown in the form the documents use most.
   */
  public List<String> theme(List<Doc> docs, List<Doc> background, String exclude, int n) {
    Set<String> skip = new HashSet<>(analyze(exclude == null ? "" : exclude));
    Map<String, Map<String, Integer>> surface = new HashMap<>();
    Map<String, Integer> used = documentFrequencies(docs, surface);
    Map<String, Integer> usual = documentFrequencies(background, new HashMap<>());
    IndexSearcher searcher;
    try {
      searcher = searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      int total = Math.max(1, searcher.getIndexReader().numDocs());
      Map<String, Double> weight = new HashMap<>();
      for (Map.Entry<String, Integer> e : used.entrySet()) {
        if (e.getValue() < 2 || skip.contains(e.getKey())) {
          continue;
        }
        // Words most of the background uses too are the product's name and the review
        // template ("The Pixelon Urban Wireless Earbuds ..."), not what sets these apart.
        if (background.size() >= 3 && usual.getOrDefault(e.getKey(), 0) >= 0.6
            * background.size()) {
          continue;
        }
        double share = e.getValue() / (double) docs.size();
        int df = searcher.getIndexReader().docFreq(new Term("all", e.getKey()));
        weight.put(e.getKey(), share * Math.log((total + 1.0) / (df + 1.0)));
      }
      return weight.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
              .thenComparing(Map.Entry.comparingByKey()))
          .limit(n).map(e -> surface.get(e.getKey()).entrySet().stream()
              .max(Map.Entry.<String, Integer>comparingByValue()
                  .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
              .orElseThrow().getKey())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        searchers.release(searcher);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** In how many of the documents each stem appears; and the words each stem was written as. */
  private Map<String, Integer> documentFrequencies(List<Doc> docs,
      Map<String, Map<String, Integer>> surface) {
    Map<String, Integer> used = new HashMap<>();
    for (Doc d : docs) {
      Set<String> seen = new HashSet<>();
      for (String word : (d.title() == null ? "" : d.title() + " ") .concat(d.text())
          .toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
        if (word.isBlank()) {
          continue;
        }
        String stem = stems.computeIfAbsent(word, w -> {
          List<String> a = analyze(w);
          return a.size() == 1 ? a.get(0) : "";
        });
        if (stem.isEmpty() || stem.length() < 3) {
          continue;
        }
        surface.computeIfAbsent(stem, s -> new HashMap<>()).merge(word, 1, Integer::sum);
        if (seen.add(stem)) {
          used.merge(stem, 1, Integer::sum);
        }
      }
    }
    return used;
  }

  @Override public void close() throws IOException {
    searchers.close();
    writer.close();
    directory.close();
  }
}
