package io.byproduct.hittool.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.hittool.hits.BuiltHit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchCsvTest {

  private static List<BuiltHit> hits(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> new BuiltHit("ds", String.format("ds-hit-%04d", i), false,
        List.of())).toList();
  }

  @Test
  void oneRowPerHit_inHitOrder_withAFixedVersion() {
    List<BatchCsv.Row> rows = BatchCsv.rows(hits(3), "https://annotate.example.org/",
        VersionChoice.of(InterfaceVersion.POINTER_ORIGINAL), 1);

    assertThat(BatchCsv.toCsv(rows)).isEqualTo("""
        toolLink,version,hitDatasetName,imageNetHitId\r
        https://annotate.example.org/,POINTER_ORIGINAL,ds,ds-hit-0001\r
        https://annotate.example.org/,POINTER_ORIGINAL,ds,ds-hit-0002\r
        https://annotate.example.org/,POINTER_ORIGINAL,ds,ds-hit-0003\r
        """);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 9, 10, 101})
  void random_balancesTheFourVersions(int count) {
    List<BatchCsv.Row> rows = BatchCsv.rows(hits(count), "https://a.example.org/", VersionChoice.random(), 42);

    Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(BatchCsv.Row::version, Collectors.counting()));
    long min = Arrays.stream(InterfaceVersion.values()).mapToLong(v -> counts.getOrDefault(v.name(), 0L)).min()
        .orElseThrow();
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(max - min).isLessThanOrEqualTo(1);
    assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(count);
  }

  @Test
  void random_isDeterministicFromTheSeed_andNotSimplyRoundRobin() {
    Function<Long, List<String>> versions = seed -> BatchCsv.rows(hits(40), "https://a.example.org/",
        VersionChoice.random(), seed).stream().map(BatchCsv.Row::version).toList();

    assertThat(versions.apply(5L)).isEqualTo(versions.apply(5L)).isNotEqualTo(versions.apply(6L));
    List<String> roundRobin = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      roundRobin.add(InterfaceVersion.values()[i % 4].name());
    }
    assertThat(versions.apply(5L)).isNotEqualTo(roundRobin);
  }

  @Test
  void versionChoice_parsesTheFourAndRandom_caseInsensitively() {
    assertThat(VersionChoice.parse("random")).contains(VersionChoice.random());
    assertThat(VersionChoice.parse("pointer_no_original")).contains(VersionChoice.of(InterfaceVersion.POINTER_NO_ORIGINAL));
    assertThat(VersionChoice.parse("POINTER")).isEmpty();
  }

  @Test
  void fieldsWithCommasOrQuotes_areQuoted() {
    assertThat(BatchCsv.quoted("https://a.example.org/?x=1,2")).isEqualTo("\"https://a.example.org/?x=1,2\"");
    assertThat(BatchCsv.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(BatchCsv.quoted("plain")).isEqualTo("plain");
  }

  @Test
  void theToolLink_mustBeAnAbsoluteWebUrl() {
    assertThat(BatchCsv.toolLinkProblem("https://annotate.example.org/")).isNull();
    assertThat(BatchCsv.toolLinkProblem("/relative")).contains("must be an absolute http(s) URL");
    assertThat(BatchCsv.toolLinkProblem("ftp://x.example.org/")).contains("must be an absolute http(s) URL");
    assertThat(BatchCsv.toolLinkProblem("http://bad host/")).contains("is not a valid URL");
    assertThatThrownBy(() -> BatchCsv.rows(hits(1), "nope", VersionChoice.random(), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--tool-link 'nope'");
  }

  @Test
  void write_replacesTheFileWhole_andLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("out/batch.csv");
    List<BatchCsv.Row> rows = BatchCsv.rows(hits(2), "https://a.example.org/", VersionChoice.random(), 1);

    BatchCsv.write(csv, rows);
    Files.writeString(csv, "old content");
    BatchCsv.write(csv, rows);

    assertThat(Files.readString(csv)).isEqualTo(BatchCsv.toCsv(rows));
    try (var files = Files.list(csv.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("batch.csv");
    }
  }

  @Test
  void write_thatFails_leavesNoFile(@TempDir Path dir) throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");

    assertThatThrownBy(() -> BatchCsv.write(blocker.resolve("batch.csv"), List.of()))
        .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("Cannot write the batch CSV");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("not-a-folder");
  }
}
