package dev.salvage.carve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The manifest's per-page lines are built as bytes: numbers and strings must come out as Java and JSON write them. */
class ManifestLineTest {

    @Test
    void numbersAsLongToString() {
        long[] edge = {0, 1, -1, 9, 10, 99, 100, Integer.MAX_VALUE, Integer.MIN_VALUE, 4294967295L,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE / 10, -Long.MAX_VALUE};
        ManifestLine line = new ManifestLine();
        for (long v : edge) {
            assertThat(line.clear().number(v).getValue()).isEqualTo(Long.toString(v));
        }
        Random r = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            assertThat(line.clear().number(v).getValue()).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void stringsParseBackToThemselves() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String[] samples = {"", "INDEX", "FIL_PAGE_INDEX/0000000000000023.page", "quote\" back\\slash",
                "tab\tnew\nline\u0000nul", "é ü 日本 \uD83D\uDE00", "older/x y.page"};
        ManifestLine line = new ManifestLine();
        for (String s : samples) {
            String json = line.clear().string(s).getValue();
            assertThat(json).as("pure ASCII").matches("[\\x20-\\x7e]*");
            assertThat(mapper.readValue(json, String.class)).isEqualTo(s);
        }
    }

    @Test
    void aRawValueLandsInTheGeneratorsOutputAsIs() throws Exception {
        ManifestLine line = new ManifestLine();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartArray();
            // Enough lines to cross the generator's buffer boundary many times.
            for (int i = 0; i < 2000; i++) {
                line.clear().raw("{\"pageNo\":").number(i).raw(",\"reason\":").string("checksum:crc32c").raw('}');
                g.writeRawValue(line);
            }
            g.writeEndArray();
        }
        var tree = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(tree.size()).isEqualTo(2000);
        assertThat(tree.get(1999).get("pageNo").asLong()).isEqualTo(1999);
        assertThat(tree.get(7).get("reason").asText()).isEqualTo("checksum:crc32c");
    }
}
