package io.byproduct.browsertests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The landing page's template, without a browser: what MTurk's requester UI will ask the batch CSV for. */
class AmtQuestionFormTemplateTest {

    private static String template() throws IOException {
        return Files.readString(RepositoryFiles.find("amt-question-form.html"), StandardCharsets.UTF_8);
    }

    @Test
    void placeholders_inTemplate_areExactlyTheFourCsvColumns() throws IOException {
        Matcher matcher = AmtFormServer.PLACEHOLDER.matcher(template());
        Set<String> names = matcher.results().map(result -> result.group(1)).collect(Collectors.toSet());

        assertThat(names).containsExactlyInAnyOrder("toolLink", "version", "hitDatasetName", "imageNetHitId");
    }

    @Test
    void template_anyRow_loadsNoScriptStyleOrFontFromElsewhere() throws IOException {
        String html = template();

        assertThat(html).doesNotContainPattern("(?i)<script[^>]+src=");
        assertThat(html).doesNotContainPattern("(?i)<link[^>]+rel=\"?stylesheet");
        assertThat(html).doesNotContainPattern("(?i)@import|url\\(\\s*['\"]?(https?:)?//");
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*['\"]?(https?:)?//");
        assertThat(html).doesNotContainPattern("(?i)<form[\\s>]");
        assertThat(html).doesNotContain("crowd-");
    }

    @Test
    void fill_row_replacesEachPlaceholderLiterally() {
        String filled = AmtFormServer.fill("<a data-x=\"${toolLink}\">${version}${other}</a>",
                Map.of("toolLink", "http://h/?a=1&b=$1", "version", "POINTER_ORIGINAL"));

        assertThat(filled).isEqualTo("<a data-x=\"http://h/?a=1&b=$1\">POINTER_ORIGINAL${other}</a>");
    }
}
