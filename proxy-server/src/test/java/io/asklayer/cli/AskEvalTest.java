package io.asklayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.TestWarehouse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The question sets in {@code eval/}, all development sets: the 30 questions of
 * {@code ask-dev.txt} (copied from shared/eval), Asklayer's paraphrases and harder cases
 * ({@code ask-paraphrases.txt}), the analysts' kinds of issue 16 ({@code ask-analysts-dev.txt})
 * and its operator questions ({@code ask-operators-dev.txt}, whose gold is the operator written
 * as a metric query),
 * each asked through the driver and compared with its gold SQL run directly on the test warehouse
 * ({@link AskEval}'s rules: a refusal only as a refusal's SQLState and text, the warehouse
 * unchanged). Every question must pass, refusals included, but the few {@link #KNOWN} ones.
 */
class AskEvalTest {
  private static final Path EVAL = Path.of("..", "eval");

  /**
   * Development questions the reader still gets wrong, each refused (never answered wrongly):
   * "the goods we sold cost us" (a clause inside the metric's words), "from the 1st to the 15th
   * of March" (ordinal days before their month), and "what did buyers rate" (a verb of a metric
   * whose noun form only the model lists: reading "rate" as rating would read "discount rate" as
   * one too).
   */
  static final java.util.Set<String> KNOWN = java.util.Set.of("a-073", "a-075", "a-114");

  static Stream<AskEval.Question> questions() throws IOException {
    List<AskEval.Question> all = new ArrayList<>();
    all.addAll(AskEval.read(EVAL.resolve("ask-dev.txt")));
    all.addAll(AskEval.read(EVAL.resolve("ask-paraphrases.txt")));
    all.addAll(AskEval.read(EVAL.resolve("ask-analysts-dev.txt")));
    all.addAll(AskEval.read(EVAL.resolve("ask-operators-dev.txt")));
    return all.stream().filter(q -> !KNOWN.contains(q.id()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("questions")
  void answersLikeTheGoldSql(AskEval.Question q) {
    AskEval.Outcome o = AskEval.run(q, TestWarehouse.url(), null);
    assertThat(o.passed()).as("%s: %s -> %s", q.id(), q.get("ask"), o.detail()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("known")
  void theKnownFailuresAreRefusalsNotWrongAnswers(AskEval.Question q) {
    AskEval.Outcome o = AskEval.run(q, TestWarehouse.url(), null);
    assertThat(o.detail()).as("%s: %s", q.id(), q.get("ask")).startsWith("refused (42000)");
  }

  static Stream<AskEval.Question> known() throws IOException {
    return AskEval.read(EVAL.resolve("ask-analysts-dev.txt")).stream()
        .filter(q -> KNOWN.contains(q.id()));
  }

  @Test
  void theSetsAreAsLargeAsTheyClaim() throws IOException {
    assertThat(AskEval.read(EVAL.resolve("ask-dev.txt"))).hasSize(30);
    assertThat(AskEval.read(EVAL.resolve("ask-paraphrases.txt"))).hasSizeGreaterThanOrEqualTo(50);
    assertThat(AskEval.read(EVAL.resolve("ask-analysts-dev.txt")))
        .hasSizeGreaterThanOrEqualTo(150);
    assertThat(AskEval.read(EVAL.resolve("ask-operators-dev.txt")))
        .hasSizeGreaterThanOrEqualTo(60);
  }

  @Test
  void aRefusalPassesOnlyAsOne() {
    assertThat(AskEval.refusalState("42000")).isTrue();
    assertThat(AskEval.refusalState("0AS01")).isTrue();
    assertThat(AskEval.refusalState("XX000")).as("an internal error").isFalse();
    assertThat(AskEval.refusalState(null)).isFalse();
    assertThat(AskEval.explains("The question asks about salaries, which this model does not "
        + "cover.")).isTrue();
    assertThat(AskEval.explains("java.lang.NullPointerException: Cannot invoke")).isFalse();
    assertThat(AskEval.explains("refused")).as("no explanation").isFalse();
  }

  @Test
  void theComparisonCatchesAWrongAnswer() {
    List<List<Object>> gold = List.of(List.of("North", 10.0), List.of("South", 20.0));
    assertThat(AskEval.compare(gold, List.of(List.of("South", 20.0), List.of("North", 10.0)),
        false)).isNull();
    assertThat(AskEval.compare(gold, List.of(List.of("South", 20.0), List.of("North", 10.0)),
        true)).isNotNull();
    assertThat(AskEval.compare(gold, List.of(List.of("North", 20.0), List.of("South", 10.0)),
        false)).as("values swapped between rows").isNotNull();
    assertThat(AskEval.compare(gold, List.of(List.of("North", 10.01), List.of("South", 20.0)),
        false)).as("off by a cent").isNotNull();
    assertThat(AskEval.compare(gold, List.of(List.of("North", 10.004), List.of("South", 20.0)),
        false)).as("within half a cent").isNull();
    assertThat(AskEval.compare(List.of(List.of(0.25)), List.of(List.of(0.2504)), false))
        .as("a ratio off by 0.16%").isNotNull();
  }
}
