package io.asklayer.bench.foodmart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A deterministic sample of the FoodMart benchmark, for CI: the queries whose id is 1 more than a
 * multiple of {@value #EVERY} (91 of 6,761), on DuckDB directly and through Asklayer. Checks
 * correctness, not time: whatever both answer must have the same rows, and Asklayer must answer at least as many of the sample as it
 * did when the floor was measured, so a change that breaks queries fails here with their ids and
 * errors. Copies the FoodMart data into {@code target/foodmart} on its first run (about 30 s).
 */
class FoodmartSmokeTest {
  /** Which queries: ids 1, EVERY + 1, 2 * EVERY + 1, ... */
  static final int EVERY = 75;
  /**
   * Sampled queries DuckDB answers that Asklayer answered when this was measured: all 91. (Query
   * 5626, an IN list of 1,000 customer ids, used to overflow the stack while the list, turned
   * into a VALUES join, was written as 999 nested UNION ALLs; IN lists now stay IN lists.) Raise
   * the floor when Asklayer answers more; never lower it to make a change pass.
   */
  static final int ASKLAYER_FLOOR = 91;

  @Test void sampleAnswersLikeDuckdb() throws Exception {
    List<FoodmartQueries.Query> sample = FoodmartQueries.load(id -> id % EVERY == 1);
    List<FoodmartBench.Outcome> outcomes;
    try (FoodmartBench bench = FoodmartBench.open(Path.of("target", "foodmart"), 60)) {
      outcomes = bench.runAll(sample, FoodmartBench.Progress.NONE);
    }
    FoodmartReport report = new FoodmartReport(outcomes);
    System.out.println(report.console());

    List<String> mismatches = outcomes.stream()
        .filter(o -> o.direct().answered() && o.asklayer().answered() && !o.sameRows())
        .map(o -> "query " + o.id() + ": " + o.diff() + "\n  " + o.sql())
        .toList();
    assertThat(mismatches).as("queries where Asklayer's rows differ from DuckDB's").isEmpty();

    String failures = outcomes.stream()
        .filter(o -> o.direct().answered() && !o.asklayer().answered())
        .map(o -> "query " + o.id() + ": " + o.asklayer().message())
        .collect(Collectors.joining("\n"));
    assertThat(report.asklayerAnswered())
        .as("sampled queries DuckDB answers that Asklayer answers (of %d sampled, %d answered "
            + "by DuckDB); Asklayer failed on:%n%s", sample.size(), report.directAnswered(),
            failures)
        .isGreaterThanOrEqualTo(ASKLAYER_FLOOR);
  }
}
