package dev.salvage.sdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvage.schema.ColumnType;
import dev.salvage.schema.TypeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdiColumnTypeTest {

    @Test
    void readsTheTypeTextsTheDictionaryKeeps() {
        assertThat(SdiColumnType.parse("mediumint(8) unsigned zerofill")).contains(
                new SdiColumnType(ColumnType.of(TypeKind.MEDIUMINT, 8), true, true));
        assertThat(SdiColumnType.parse("decimal(10,3)")).contains(
                new SdiColumnType(ColumnType.of(TypeKind.DECIMAL, 10, 3), false, false));
        assertThat(SdiColumnType.parse("enum('a','b''c',',')")).contains(
                new SdiColumnType(ColumnType.enumOf(List.of("a", "b'c", ",")), false, false));
        assertThat(SdiColumnType.parse("geomcollection")).contains(
                new SdiColumnType(ColumnType.of(TypeKind.GEOMETRYCOLLECTION), false, false));
    }

    @Test
    void damagedTextIsEmptyNotAnException() {
        assertThat(SdiColumnType.parse("")).isEmpty();
        assertThat(SdiColumnType.parse("int(11")).isEmpty();
        assertThat(SdiColumnType.parse("int(x)")).isEmpty();
        assertThat(SdiColumnType.parse("enum('a")).isEmpty();
        assertThat(SdiColumnType.parse("frobnicate(3)")).isEmpty();
        assertThat(SdiColumnType.parse(null)).isEmpty();
    }
}
