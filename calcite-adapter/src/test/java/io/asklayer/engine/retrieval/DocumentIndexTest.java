package io.asklayer.engine.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The index on its own: incremental refresh, full-text-only mode, filters, themes. */
class DocumentIndexTest {
  private static DocumentIndex.Doc review(String id, String text, int rating, String sku) {
    return new DocumentIndex.Doc("reviews", id, null, text, LocalDate.of(2025, 1, 1), sku,
        rating, "Acme", "North");
  }

  private static List<String> ids(List<DocumentIndex.Hit> hits) {
    return hits.stream().map(h -> h.doc().id()).toList();
  }

  @Test
  void refreshAddsChangesAndRemovesOnlyWhatDiffers() throws Exception {
    try (DocumentIndex index = new DocumentIndex(Optional.empty())) {
      List<DocumentIndex.Doc> docs = new ArrayList<>(List.of(
          review("1", "The kettle leaks from the lid", 1, "SKU-1"),
          review("2", "Lovely kettle, boils fast", 5, "SKU-1"),
          review("3", "The zipper broke", 1, "SKU-2")));
      DocumentIndex.Refresh first = index.refresh(docs);
      assertThat(first.added()).isEqualTo(3);
      assertThat(first.vectors()).isFalse();
      assertThat(index.hybrid()).isFalse();
      docs.set(1, review("2", "Lovely kettle but it leaks a little", 4, "SKU-1"));
      docs.remove(2);
      docs.add(review("4", "Strap snapped on a hike", 2, "SKU-3"));
      DocumentIndex.Refresh second = index.refresh(docs);
      assertThat(List.of(second.added(), second.changed(), second.removed(), second.unchanged()))
          .containsExactly(1, 1, 1, 1);
      assertThat(index.size()).isEqualTo(3);
      assertThat(ids(index.search(DocumentIndex.Request.of("leaks", 10))))
          .containsExactlyInAnyOrder("1", "2");
      assertThat(ids(index.search(DocumentIndex.Request.of("zipper", 10)))).isEmpty();
      assertThat(index.refresh(docs).unchanged()).isEqualTo(3);
    }
  }

  @Test
  void filtersNarrowAndSnippetsMarkTheWords() throws Exception {
    try (DocumentIndex index = new DocumentIndex(Optional.empty())) {
      index.refresh(List.of(review("1", "The kettle leaks from the lid", 1, "SKU-1"),
          review("2", "The kettle leaks a little", 4, "SKU-1"),
          review("3", "My other kettle leaks too", 1, "SKU-9")));
      DocumentIndex.Request r = new DocumentIndex.Request("leaks", 10, "reviews", "sku-1", null,
          null, null, null, null, 2, List.of());
      List<DocumentIndex.Hit> hits = index.search(r);
      assertThat(ids(hits)).containsExactly("1");
      assertThat(hits.get(0).snippet()).contains("[leaks]");
      assertThat(ids(index.search(new DocumentIndex.Request("leaks", 10, "policies", null, null,
          null, null, null, null, null, List.of())))).isEmpty();
    }
  }

  @Test
  void aThemeIsWhatTheDocumentsShareAndTheirBackgroundDoesNot() throws Exception {
    try (DocumentIndex index = new DocumentIndex(Optional.empty())) {
      List<DocumentIndex.Doc> bad = List.of(
          review("1", "The Zeta Kettle leaks from the lid seal", 1, "SKU-1"),
          review("2", "The Zeta Kettle seal failed and it leaks", 1, "SKU-1"),
          review("3", "The Zeta Kettle leaks everywhere", 2, "SKU-1"));
      List<DocumentIndex.Doc> good = List.of(
          review("4", "The Zeta Kettle is great", 5, "SKU-1"),
          review("5", "The Zeta Kettle boils fast", 5, "SKU-1"),
          review("6", "The Zeta Kettle looks nice", 4, "SKU-1"));
      List<DocumentIndex.Doc> all = new ArrayList<>(bad);
      all.addAll(good);
      all.add(review("7", "Sturdy backpack", 5, "SKU-2"));
      index.refresh(all);
      assertThat(index.theme(bad, good, null, 2)).containsExactly("leaks", "seal");
      assertThat(index.theme(bad, List.of(), "Zeta Kettle", 2)).containsExactly("leaks", "seal");
    }
  }

  private static List<DocumentIndex.Doc> straps(int n) {
    List<DocumentIndex.Doc> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(review("s" + i, "Strap number " + i + " snapped on a hike", 2, "SKU-3"));
    }
    return out;
  }

  @Test
  void aRefreshStoppedAtACheckpointLeavesTheIndexAsItWas() throws Exception {
    Optional<Embedder> embedder = Embedders.find();
    assertThat(embedder).as("the embedding model is on the test class path").isPresent();
    try (DocumentIndex index = DocumentIndex.build(embedder,
        List.of(review("1", "The kettle leaks from the lid", 1, "SKU-1")), () -> { })) {
      List<DocumentIndex.Doc> docs = new ArrayList<>(straps(2 * DocumentIndex.BATCH + 10));
      docs.add(review("1", "The kettle is fine now", 4, "SKU-1"));
      int[] checkpoints = {0};
      IllegalStateException stop = new IllegalStateException("stopped");
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> index.refresh(docs,
          () -> {
            if (++checkpoints[0] == 2) {
              throw stop;
            }
          }));
      assertThat(t).isSameAs(stop);
      assertThat(checkpoints[0]).as("stopped between embedding batches").isEqualTo(2);
      assertThat(index.size()).isEqualTo(1);
      assertThat(ids(index.search(DocumentIndex.Request.of("leaks", 10)))).containsExactly("1");
      assertThat(ids(index.search(DocumentIndex.Request.of("strap", 10))))
          .as("none of the new documents").containsExactly("1");
      assertThat(index.refresh(docs, () -> { }).added()).isEqualTo(2 * DocumentIndex.BATCH + 10);
      assertThat(index.size()).isEqualTo(2 * DocumentIndex.BATCH + 11);
    }
  }

  @Test
  void aBuildStopsAtItsCheckpointsWhileWriting() {
    int[] checkpoints = {0};
    IllegalStateException stop = new IllegalStateException("stopped");
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> DocumentIndex.build(
        Optional.empty(), straps(3 * DocumentIndex.BATCH), () -> {
          if (++checkpoints[0] == 2) {
            throw stop;
          }
        }));
    assertThat(t).isSameAs(stop);
    assertThat(checkpoints[0]).as("one before writing, one after the first batch").isEqualTo(2);
  }
}
