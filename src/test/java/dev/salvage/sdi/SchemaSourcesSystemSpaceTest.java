package dev.salvage.sdi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A system tablespace given under another name is recognised by its first page's header. */
class SchemaSourcesSystemSpaceTest {

    @TempDir
    Path temp;

    @Test
    void aRenamedSystemSpaceIsKnownByItsFirstPage() throws IOException {
        assertThat(SchemaSources.looksLikeSystemSpace(write("ibdata1.bak", header(8, 0, 0)))).isTrue();
        assertThat(SchemaSources.looksLikeSystemSpace(write("ibdata1", new byte[16]))).isTrue();
    }

    @Test
    void otherFirstPagesAreNot() throws IOException {
        assertThat(SchemaSources.looksLikeSystemSpace(write("zeroed.bak", new byte[16384]))).isFalse();
        assertThat(SchemaSources.looksLikeSystemSpace(write("index.bak", header(17855, 0, 0)))).isFalse();
        assertThat(SchemaSources.looksLikeSystemSpace(write("space5.bak", header(8, 5, 5)))).isFalse();
        assertThat(SchemaSources.looksLikeSystemSpace(write("short.bak", new byte[] {0, 0, 0, 0}))).isFalse();
        assertThat(SchemaSources.looksLikeSystemSpace(write("t.ibd", header(8, 0, 0)))).isFalse();
    }

    /** FIL header of page 0 with the given FIL_PAGE_TYPE and space ids (FIL_PAGE_SPACE_ID, FSP_SPACE_ID). */
    private static byte[] header(int type, int filSpace, int fspSpace) {
        byte[] page = new byte[16384];
        page[24] = (byte) (type >>> 8);
        page[25] = (byte) type;
        page[37] = (byte) filSpace;
        page[41] = (byte) fspSpace;
        return page;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(temp.resolve(name), bytes);
    }
}
