package dev.salvage.check;

import dev.salvage.harness.GeneratedDatadir;
import dev.salvage.harness.RealServer;
import dev.salvage.harness.ServerKind;
import dev.salvage.innodb.fil.PageSize;
import dev.salvage.innodb.fsp.ExtentMap;
import dev.salvage.innodb.page.IndexPageHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two file segments an index root names hold exactly the index's pages: every leaf in the leaf segment,
 * the root and the other non-leaf pages in the non-leaf segment, nothing of another index in either.
 */
@RealServer
class FileSegmentTest {

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void segmentsHoldTheIndexPages(ServerKind kind) throws Exception {
        GeneratedDatadir dd = CheckFixtures.datadir(kind);
        long kca = CheckJson.indexId(dd.truth("indexes"), "ck/t", "k_ca");
        long root = CheckJson.rootPage(dd.truth("indexes"), "ck/t", "k_ca");
        long other = CheckJson.indexId(dd.truth("indexes"), "ck/t", "PRIMARY");
        try (PageDamage d = new PageDamage(dd.file("ck/t.ibd"))) {
            FileSegment.Pages reader = p -> {
                try {
                    return d.read(p);
                } catch (java.io.IOException e) {
                    return null;
                }
            };
            byte[] rootPage = d.read(root);
            int extent = ExtentMap.extentPages(PageSize.of(PageDamage.PAGE));
            FileSegment leaf = FileSegment.read(rootPage, IndexPageHeader.BTR_SEG_LEAF, reader, PageDamage.PAGE,
                    extent, d.pages());
            FileSegment top = FileSegment.read(rootPage, IndexPageHeader.BTR_SEG_TOP, reader, PageDamage.PAGE,
                    extent, d.pages());
            assertThat(leaf.problem()).isNull();
            assertThat(top.problem()).isNull();
            List<Long> leaves = d.pagesOf(kca, 0);
            Set<Long> nonLeaf = new HashSet<>(d.pagesOf(kca, 1));
            nonLeaf.addAll(d.pagesOf(kca, 2));
            assertThat(nonLeaf).contains(root).hasSizeGreaterThan(2);
            assertThat(leaves).allMatch(leaf::contains).noneMatch(top::contains);
            assertThat(nonLeaf).allMatch(top::contains).noneMatch(leaf::contains);
            assertThat(leaf.size() + top.size()).isEqualTo(leaves.size() + nonLeaf.size());
            assertThat(d.pagesOf(other, 0)).noneMatch(leaf::contains).noneMatch(top::contains);
        }
    }
}
