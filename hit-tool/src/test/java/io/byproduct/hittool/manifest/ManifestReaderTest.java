package io.byproduct.hittool.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.byproduct.hittool.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

  @TempDir
  Path dir;

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static List<String> errors(ManifestLoad load) {
    return load.errors().stream().map(Problem::toString).toList();
  }

  private static List<String> warnings(ManifestLoad load) {
    return load.warnings().stream().map(Problem::toString).toList();
  }

  static final String GOOD = """
      {
        "dataset": "pilot-1",
        "classes": [
          {"id": "tench", "wnid": "n01440764", "synset": ["tench", "Tinca tinca"],
           "description": "freshwater dace-like game fish", "wikipedia": ["https://en.wikipedia.org/wiki/Tench"],
           "similarTo": "goldfish"},
          {"id": "goldfish", "wnid": "n01443537", "synset": ["goldfish"], "description": "small golden fish",
           "wikipedia": []}
        ],
        "images": [
          {"id": "t/1", "url": "https://img.example.org/t/1.jpg", "classID": "tench"},
          {"id": "t/2", "url": "/images/pilot/t2.jpg", "classID": "tench", "role": "candidate"},
          {"id": "t/v1", "url": "https://img.example.org/t/v1.jpg", "classID": "tench", "role": "control"},
          {"id": "g/1", "url": "https://img.example.org/g/1.jpg", "classID": "goldfish"}
        ]
      }
      """;

  @Test
  void aGoodManifest_isReadWithEveryField() throws Exception {
    ManifestLoad load = ManifestReader.read(file("m.json", GOOD));

    assertThat(load.problems()).isEmpty();
    Manifest manifest = load.requireValid();
    assertThat(manifest.dataset()).isEqualTo("pilot-1");
    assertThat(manifest.classes()).containsExactly(
        new ManifestClass("tench", "n01440764", List.of("tench", "Tinca tinca"), "freshwater dace-like game fish",
            List.of("https://en.wikipedia.org/wiki/Tench"), "goldfish"),
        new ManifestClass("goldfish", "n01443537", List.of("goldfish"), "small golden fish", List.of(), null));
    assertThat(manifest.images()).containsExactly(
        ManifestImage.candidate("t/1", "https://img.example.org/t/1.jpg", "tench"),
        ManifestImage.candidate("t/2", "/images/pilot/t2.jpg", "tench"),
        ManifestImage.control("t/v1", "https://img.example.org/t/v1.jpg", "tench"),
        ManifestImage.candidate("g/1", "https://img.example.org/g/1.jpg", "goldfish"));
    assertThat(manifest.images("tench", ImageRole.CONTROL)).extracting(ManifestImage::id).containsExactly("t/v1");
  }

  @Test
  void everyProblemIsReported_withFileLineAndField() throws Exception {
    Path m = file("bad.json", """
        {
          "dataset": "my pilot/1",
          "classes": [
            {"id": "tench", "wnid": "n01440764", "synset": "tench", "description": "a fish", "similarTo": "carp"},
            {"id": "tench", "wnid": "n01443537", "synset": [], "description": " ", "wikipedia": ["ftp://x/y"]},
            {"id": "eel", "wnid": "eel", "synset": ["eel", 7], "description": "an eel", "similar_to": "tench"}
          ],
          "images": [
            {"id": "a", "url": "https://img.example.org/a.jpg", "classID": "tench"},
            {"id": "a", "url": "https://img.example.org/a2.jpg", "classID": "tench"},
            {"id": "b|c", "url": "https://img.example.org/b.jpg", "classID": "tench"},
            {"id": "d", "classID": "tench"},
            {"id": "e", "url": "https://img.example.org/e.jpg", "classID": "dog"},
            {"id": "f", "url": "images/f.jpg", "classID": "tench", "role": "positive"},
            {"id": "g", "url": "https://img.example.org/g.jpg", "classId": "tench"},
            "h"
          ]
        }
        """);

    ManifestLoad load = ManifestReader.read(m);

    assertThat(load.isValid()).isFalse();
    String f = m.toString();
    assertThat(errors(load)).containsExactlyInAnyOrder(
        f + ":2: dataset: 'my pilot/1' may hold only letters, digits, '_', '-' and '.' (like a DynamoDB table name),"
            + " not ' ' (space), '/'",
        f + ":4: classes[0].similarTo: 'carp' is not a class id of this manifest",
        f + ":5: classes[1].id: duplicate class id 'tench' (first at " + f + ":4: classes[0])",
        f + ":5: classes[1].synset: needs at least one synonym: the page's heading shows them",
        f + ":5: classes[1].description: must not be empty: the page shows it as the definition",
        f + ":5: classes[1].wikipedia[0]: 'ftp://x/y' is not an http(s) URL",
        f + ":6: classes[2].synset[1]: must be a string, not the number 7",
        f + ":6: classes[2].similar_to: unknown field 'similar_to': did you mean 'similarTo'?",
        f + ":10: images[1].id: duplicate image id 'a' (first at " + f + ":9: images[0])",
        f + ":11: images[2].id: image id 'b|c' must not contain '|' (the event pipeline uses it to join keys)",
        f + ":12: images[3].url: is missing",
        f + ":13: images[4].classID: 'dog' is not a class id of this manifest",
        f + ":14: images[5].role: must be 'candidate' or 'control', not 'positive'",
        f + ":14: images[5].url: 'images/f.jpg' must be an http(s) URL or a path on the gateway starting with '/'",
        f + ":15: images[6].classId: unknown field 'classId': did you mean 'classID'?",
        f + ":15: images[6].classID: is missing",
        f + ":16: images[7]: must be an object, not a string");
    assertThat(warnings(load)).containsExactly(
        f + ":6: classes[2].wnid: 'eel' does not look like a WordNet id (n and 8 digits, e.g. n01440764)",
        f + ":6: classes[2]: class 'eel' has no images");
    assertThatThrownBy(load::requireValid).isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("17 errors").hasMessageContaining("'dog' is not a class id");
  }

  @Test
  void aSingleStringIsAcceptedForAList() throws Exception {
    ManifestLoad load = ManifestReader.read(file("m.json", """
        {"dataset": "d", "classes": [{"id": "c", "wnid": "n00000001", "synset": "thing", "description": "x",
          "wikipedia": "https://en.wikipedia.org/wiki/Thing"}],
         "images": [{"id": "i", "url": "/i.jpg", "classID": "c"}]}"""));

    assertThat(load.problems()).isEmpty();
    assertThat(load.manifest().classes().get(0).synset()).containsExactly("thing");
    assertThat(load.manifest().classes().get(0).wikipedia()).containsExactly("https://en.wikipedia.org/wiki/Thing");
  }

  @Test
  void missingPartsAndWrongTypes_areNamed() throws Exception {
    Path m = file("m.json", """
        {"dataset": 5, "images": {}, "colour": "red", "images": []}""");

    ManifestLoad load = ManifestReader.read(m);

    assertThat(errors(load)).containsExactlyInAnyOrder(
        m + ":1: dataset: must be a string, not a number",
        m + ":1: images: must be an array, not an object",
        m + ":1: colour: unknown field 'colour' (known: dataset, classes, images)",
        m + ":1: images: 'images' is given twice",
        m + ": classes: a manifest needs at least one class",
        m + ": images: no images: list them in the manifest's 'images' or give --images FILE.csv");
  }

  @Test
  void brokenJson_isReportedAtItsLineAndColumn() throws Exception {
    Path m = file("m.json", "{\n  \"dataset\": \"d\",\n  \"classes\": [\n    {\"id\": \"c\",, }\n  ]\n}\n");

    ManifestLoad load = ManifestReader.read(m);

    assertThat(load.manifest()).isNull();
    assertThat(errors(load)).singleElement().asString().startsWith(m + ":4:").contains("is not valid JSON");
  }

  @Test
  void notAnObject_andMissingFile_areReported() throws Exception {
    assertThat(errors(ManifestReader.read(file("a.json", "[1, 2]")))).singleElement().asString()
        .contains("a.json:1: a manifest is a JSON object").endsWith("not an array");
    Path missing = dir.resolve("nope.json");
    assertThat(errors(ManifestReader.read(missing))).containsExactly(missing + ": no such file");
  }

  @Test
  void imagesFromCsv_withOrWithoutHeader_quotedFields_andLineNumbers() throws Exception {
    Path m = file("m.json", """
        {"dataset": "d", "classes": [
          {"id": "tench", "wnid": "n01440764", "synset": ["tench"], "description": "a fish"},
          {"id": "goldfish", "wnid": "n01443537", "synset": ["goldfish"], "description": "a fish"}]}""");
    Path csv = file("images.csv", "\uFEFFid,url,classID,role\r\n"
        + "t1,https://img.example.org/t1.jpg,tench\r\n"
        + "\r\n"
        + "\"t,\"\"2\"\"\", \"https://img.example.org/t2.jpg?size=a,b\" ,tench,control\r\n"
        + "g1,https://img.example.org/g1.jpg,goldfish,\n");
    Path noHeader = file("more.csv", "g2,https://img.example.org/g2.jpg,goldfish\n");

    ManifestLoad load = ManifestReader.read(m, csv);
    assertThat(load.problems()).isEmpty();
    assertThat(load.manifest().images()).containsExactly(
        ManifestImage.candidate("t1", "https://img.example.org/t1.jpg", "tench"),
        ManifestImage.control("t,\"2\"", "https://img.example.org/t2.jpg?size=a,b", "tench"),
        ManifestImage.candidate("g1", "https://img.example.org/g1.jpg", "goldfish"));
    assertThat(ManifestReader.read(m, noHeader).manifest().images()).containsExactly(
        ManifestImage.candidate("g2", "https://img.example.org/g2.jpg", "goldfish"));
  }

  @Test
  void csvProblems_nameTheLineAndColumn_andDuplicatesAcrossManifestAndCsv() throws Exception {
    Path m = file("m.json", """
        {"dataset": "d", "classes": [{"id": "tench", "wnid": "n01440764", "synset": ["tench"], "description": "x"}],
         "images": [{"id": "t1", "url": "https://img.example.org/t1.jpg", "classID": "tench"}]}""");
    Path csv = file("images.csv", """
        id,url,classID
        t1,https://img.example.org/other.jpg,tench
        t2,https://img.example.org/t2.jpg,carp
        t3,https://img.example.org/t3.jpg
        t4,,tench
        t5,https://img.example.org/t5.jpg,tench,maybe
        t6,"https://img.example.org/t6.jpg
        """);

    ManifestLoad load = ManifestReader.read(m, csv);

    assertThat(errors(load)).containsExactlyInAnyOrder(
        csv + ":2: id: duplicate image id 't1' (first at " + m + ":2: images[0])",
        csv + ":3: classID: 'carp' is not a class id of this manifest",
        csv + ":4: expected 3 or 4 columns (id,url,classID[,role]), found 2",
        csv + ":5: url: is missing",
        csv + ":6: role: must be 'candidate' or 'control', not 'maybe'",
        csv + ":7: a quoted field is not closed before the end of the file");
  }

  @Test
  void warnings_doNotStopAnImport() throws Exception {
    ManifestLoad load = ManifestReader.read(file("m.json", """
        {"dataset": "d", "classes": [{"id": "c", "wnid": "n00000001", "synset": ["c"], "description": "x"}],
         "images": [
          {"id": "a", "url": "https://img.example.org/cand/a.jpg", "classID": "c"},
          {"id": "b", "url": "https://img.example.org/cand/a.jpg", "classID": "c"},
          {"id": "v", "url": "https://img.example.org/validation/v.jpg", "classID": "c", "role": "control"}]}"""));

    assertThat(load.isValid()).isTrue();
    assertThat(warnings(load)).hasSize(2)
        .anySatisfy(w -> assertThat(w).contains("images[1].url: the same url as the image at"))
        .anySatisfy(w -> assertThat(w).contains("images[2].url: 1 control image(s) are served from places no"
            + " candidate is (e.g. 'https://img.example.org/validation/')"));
  }

  @Test
  void aManifestMadeInCode_isCheckedWithTheSameRules_andPathsForPlaces() {
    Manifest bad = new Manifest("demo set",
        List.of(new ManifestClass("c", "n00000001", List.of("c"), "x", List.of(), "c")),
        List.of(ManifestImage.candidate("i|1", "/i.jpg", "c"), new ManifestImage("j", null, "zz", null)));

    assertThat(errors(ManifestReader.check(bad))).containsExactlyInAnyOrder(
        "dataset: 'demo set' may hold only letters, digits, '_', '-' and '.' (like a DynamoDB table name), not ' '"
            + " (space)",
        "classes[0].similarTo: a class cannot be most similar to itself",
        "images[0].id: image id 'i|1' must not contain '|' (the event pipeline uses it to join keys)",
        "images[1].url: is missing",
        "images[1].classID: 'zz' is not a class id of this manifest");
  }

  @Test
  void theWriter_writesWhatTheReaderReads(@TempDir Path out) {
    Manifest manifest = Fixtures.manifest("round-trip", 3, 5, 2);

    ManifestLoad load = ManifestReader.read(ManifestWriter.write(manifest, out.resolve("sub/manifest.json")));

    assertThat(load.problems()).isEmpty();
    assertThat(load.manifest()).isEqualTo(manifest);
  }
}
