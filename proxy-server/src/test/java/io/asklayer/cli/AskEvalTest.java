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
 * The question sets in {@code eval/}: the 30 development questions ({@code ask-dev.txt}, copied from
 * shared/eval) and Asklayer's own paraphrases and harder cases ({@code ask-paraphrases.txt}), each
 * asked through the driver and compared with its gold SQL run directly on the test warehouse
 * ({@link AskEval}'s rules). Every question must pass, refusals included.
 */
class AskEvalTest {
  private static final Path EVAL = Path.of("..", "eval");

  static Stream<AskEval.Question> questions() throws IOException {
    List<AskEval.Question> all = new ArrayList<>();
    all.addAll(AskEval.read(EVAL.resolve("ask-dev.txt")));
    all.addAll(AskEval.read(EVAL.resolve("ask-paraphrases.txt")));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("questions")
  void answersLikeTheGoldSql(AskEval.Question q) {
    AskEval.Outcome o = AskEval.run(q, TestWarehouse.url(), null);
    assertThat(o.passed()).as("%s: %s -> %s", q.id(), q.get("ask"), o.detail()).isTrue();
  }

  @Test
  void theSetsAreAsLargeAsTheyClaim() throws IOException {
    assertThat(AskEval.read(EVAL.resolve("ask-dev.txt"))).hasSize(30);
    assertThat(AskEval.read(EVAL.resolve("ask-paraphrases.txt"))).hasSizeGreaterThanOrEqualTo(50);
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
