package dev.salvage.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handwritten DDL for every type and option, dump scripts, defaults per server, and bad input. */
class DdlParserTest {

    private static TableDef parseOne(ServerDialect dialect, String ddl) {
        DdlParseResult result = new DdlParser(dialect).parse(ddl);
        assertThat(result.problems()).isEmpty();
        assertThat(result.tables()).hasSize(1);
        return result.tables().get(0);
    }

    private static ColumnType typeOf(String declaration) {
        TableDef t = parseOne(ServerDialect.MYSQL_8_0, "CREATE TABLE t (c " + declaration + ")");
        return t.columns().get(0).type();
    }

    @Test
    void everyTypeWithItsParameters() {
        assertThat(typeOf("tinyint(4)")).isEqualTo(ColumnType.of(TypeKind.TINYINT, 4));
        assertThat(typeOf("smallint")).isEqualTo(ColumnType.of(TypeKind.SMALLINT));
        assertThat(typeOf("mediumint(8)")).isEqualTo(ColumnType.of(TypeKind.MEDIUMINT, 8));
        assertThat(typeOf("int(11)")).isEqualTo(ColumnType.of(TypeKind.INT, 11));
        assertThat(typeOf("integer")).isEqualTo(ColumnType.of(TypeKind.INT));
        assertThat(typeOf("bigint(20)")).isEqualTo(ColumnType.of(TypeKind.BIGINT, 20));
        assertThat(typeOf("decimal(65,30)")).isEqualTo(ColumnType.of(TypeKind.DECIMAL, 65, 30));
        assertThat(typeOf("numeric(10,2)")).isEqualTo(ColumnType.of(TypeKind.DECIMAL, 10, 2));
        assertThat(typeOf("float")).isEqualTo(ColumnType.of(TypeKind.FLOAT));
        assertThat(typeOf("float(7,3)")).isEqualTo(ColumnType.of(TypeKind.FLOAT, 7, 3));
        assertThat(typeOf("double(12,4)")).isEqualTo(ColumnType.of(TypeKind.DOUBLE, 12, 4));
        assertThat(typeOf("bit(64)")).isEqualTo(ColumnType.of(TypeKind.BIT, 64));
        assertThat(typeOf("year(4)")).isEqualTo(ColumnType.of(TypeKind.YEAR, 4));
        assertThat(typeOf("date")).isEqualTo(ColumnType.of(TypeKind.DATE));
        assertThat(typeOf("time(6)").fsp()).isEqualTo(6);
        assertThat(typeOf("datetime(3)")).isEqualTo(ColumnType.of(TypeKind.DATETIME, 3));
        assertThat(typeOf("timestamp").fsp()).isZero();
        assertThat(typeOf("char(10)")).isEqualTo(ColumnType.of(TypeKind.CHAR, 10));
        assertThat(typeOf("varchar(300)")).isEqualTo(ColumnType.of(TypeKind.VARCHAR, 300));
        assertThat(typeOf("binary(16)")).isEqualTo(ColumnType.of(TypeKind.BINARY, 16));
        assertThat(typeOf("varbinary(255)")).isEqualTo(ColumnType.of(TypeKind.VARBINARY, 255));
        for (TypeKind kind : List.of(TypeKind.TINYTEXT, TypeKind.TEXT, TypeKind.MEDIUMTEXT, TypeKind.LONGTEXT,
                TypeKind.TINYBLOB, TypeKind.BLOB, TypeKind.MEDIUMBLOB, TypeKind.LONGBLOB, TypeKind.JSON,
                TypeKind.GEOMETRY, TypeKind.POINT, TypeKind.LINESTRING, TypeKind.POLYGON, TypeKind.MULTIPOINT,
                TypeKind.MULTILINESTRING, TypeKind.MULTIPOLYGON, TypeKind.GEOMETRYCOLLECTION, TypeKind.INET6,
                TypeKind.UUID)) {
            assertThat(typeOf(kind.sqlName())).as(kind.sqlName()).isEqualTo(ColumnType.of(kind));
        }
        assertThat(typeOf("geomcollection")).isEqualTo(ColumnType.of(TypeKind.GEOMETRYCOLLECTION));
        assertThat(typeOf("enum('a','it''s','b,c','')")).isEqualTo(ColumnType.enumOf(List.of("a", "it's", "b,c", "")));
        assertThat(typeOf("set('x','y''z')")).isEqualTo(ColumnType.setOf(List.of("x", "y'z")));
    }

    @Test
    void columnAttributes() {
        TableDef t = parseOne(ServerDialect.MARIADB_10_11, """
                CREATE TABLE `db`.`t` (
                  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
                  `m` mediumint(8) unsigned zerofill DEFAULT NULL,
                  `d` datetime(3) DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),
                  `v` varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT 'x' COMMENT 'it''s',
                  `g` int(11) GENERATED ALWAYS AS (`id` * 2) VIRTUAL,
                  `s` varchar(5) GENERATED ALWAYS AS (concat('a',`id`)) STORED,
                  `h` int(11) INVISIBLE DEFAULT NULL,
                  `j` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`j`)),
                  PRIMARY KEY (`id`)
                ) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
                """);
        assertThat(t.schema()).isEqualTo("db");
        Column id = t.column("id").orElseThrow();
        assertThat(id.unsigned()).isTrue();
        assertThat(id.nullable()).isFalse();
        assertThat(id.autoIncrement()).isTrue();
        assertThat(id.charset()).isNull();
        assertThat(t.column("m").orElseThrow().zerofill()).isTrue();
        assertThat(t.column("m").orElseThrow().defaultValue()).isEqualTo("NULL");
        assertThat(t.column("d").orElseThrow().onUpdate()).isEqualTo("current_timestamp(3)");
        Column v = t.column("v").orElseThrow();
        assertThat(v.charset()).isEqualTo("utf8mb4");
        assertThat(v.collation()).isEqualTo("utf8mb4_unicode_ci");
        assertThat(v.defaultValue()).isEqualTo("'x'");
        assertThat(v.comment()).isEqualTo("it's");
        assertThat(t.column("g").orElseThrow().isVirtual()).isTrue();
        assertThat(t.column("s").orElseThrow().generatedStored()).isTrue();
        assertThat(t.column("h").orElseThrow().invisible()).isTrue();
        assertThat(t.column("j").orElseThrow().check()).contains("json_valid");
    }

    @Test
    void indexesOfEveryKind() {
        TableDef t = parseOne(ServerDialect.MYSQL_8_0, """
                CREATE TABLE t (a int, b varchar(100), c text, p point NOT NULL,
                  PRIMARY KEY (a), UNIQUE KEY `u` (b), UNIQUE KEY (c(10)), KEY `k` (b(10) DESC, a),
                  KEY `inv` (a) /*!80000 INVISIBLE */, FULLTEXT KEY `ft` (b, c), SPATIAL KEY `sp` (p),
                  KEY `com` (a) COMMENT 'why')
                """);
        assertThat(t.primaryKey().orElseThrow()).isEqualTo(Index.primaryKey(IndexPart.of("a")));
        assertThat(t.index("u").orElseThrow().kind()).isEqualTo(IndexKind.UNIQUE);
        assertThat(t.index("c").orElseThrow().parts()).containsExactly(new IndexPart("c", 10, false));
        assertThat(t.index("k").orElseThrow().parts())
                .containsExactly(new IndexPart("b", 10, true), new IndexPart("a", null, false));
        assertThat(t.index("inv").orElseThrow().visible()).isFalse();
        assertThat(t.index("ft").orElseThrow().kind()).isEqualTo(IndexKind.FULLTEXT);
        assertThat(t.index("sp").orElseThrow().kind()).isEqualTo(IndexKind.SPATIAL);
        assertThat(t.index("com").orElseThrow().comment()).isEqualTo("why");
    }

    @Test
    void inlinePrimaryKeyImpliesNotNull() {
        TableDef t = parseOne(ServerDialect.MYSQL_5_7, "CREATE TABLE t (id int PRIMARY KEY, u int UNIQUE)");
        assertThat(t.column("id").orElseThrow().nullable()).isFalse();
        assertThat(t.primaryKey().orElseThrow().columnNames()).containsExactly("id");
        assertThat(t.index("u").orElseThrow().kind()).isEqualTo(IndexKind.UNIQUE);
    }

    @Test
    void mysqldumpScriptWithVersionedCommentsAndSeveralTables() {
        String dump = """
                -- MySQL dump 10.13
                /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
                /*!40101 SET NAMES utf8 */;
                DROP TABLE IF EXISTS `a`;
                /*!40101 SET @saved_cs_client     = @@character_set_client */;
                CREATE TABLE `a` (
                  `id` int(11) NOT NULL, /* a comment; with a semicolon */
                  `created` date NOT NULL,
                  PRIMARY KEY (`id`,`created`)
                ) ENGINE=InnoDB DEFAULT CHARSET=latin1
                /*!50100 PARTITION BY RANGE (YEAR(created))
                (PARTITION p0 VALUES LESS THAN (2000) ENGINE = InnoDB,
                 PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */;
                INSERT INTO `a` VALUES (1,'2001-01-01');
                # another comment
                CREATE TABLE `b` (`x` varchar(3) DEFAULT ';') ENGINE=InnoDB;
                """;
        DdlParseResult result = new DdlParser(ServerDialect.MYSQL_5_7).parse(dump);
        assertThat(result.problems()).isEmpty();
        assertThat(result.tables()).extracting(TableDef::name).containsExactly("a", "b");
        assertThat(result.table("a").orElseThrow().partitioning()).isEqualTo(
                "PARTITION BY RANGE (YEAR(created)) (PARTITION p0 VALUES LESS THAN (2000) ENGINE = InnoDB,"
                        + " PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB)");
        assertThat(result.table("b").orElseThrow().column("x").orElseThrow().defaultValue()).isEqualTo("';'");
    }

    @Test
    void charsetFallsBackToTableThenServerDefault() {
        String noCharset = "CREATE TABLE t (v varchar(5), w varchar(5) COLLATE latin1_bin, x varchar(5) CHARACTER SET utf8)";
        TableDef on57 = parseOne(ServerDialect.MYSQL_5_7, noCharset);
        assertThat(on57.charset()).isEqualTo("latin1");
        assertThat(on57.collation()).isEqualTo("latin1_swedish_ci");
        assertThat(on57.column("v").orElseThrow().collation()).isEqualTo("latin1_swedish_ci");
        assertThat(on57.column("w").orElseThrow().charset()).isEqualTo("latin1");
        assertThat(on57.column("x").orElseThrow().collation()).isEqualTo("utf8_general_ci");
        TableDef on80 = parseOne(ServerDialect.MYSQL_8_0, noCharset);
        assertThat(on80.column("v").orElseThrow().charset()).isEqualTo("utf8mb4");
        assertThat(on80.column("v").orElseThrow().collation()).isEqualTo("utf8mb4_0900_ai_ci");
        TableDef tableCharset = parseOne(ServerDialect.MARIADB_10_11,
                "CREATE TABLE t (v varchar(5)) DEFAULT CHARSET=utf8mb4");
        assertThat(tableCharset.column("v").orElseThrow().collation()).isEqualTo("utf8mb4_general_ci");
    }

    @Test
    void tableOptions() {
        TableDef t = parseOne(ServerDialect.MYSQL_5_7, "CREATE TABLE t (a int) ENGINE=InnoDB AUTO_INCREMENT=7"
                + " DEFAULT CHARSET=cp1251 COLLATE=cp1251_bin STATS_PERSISTENT=0 ROW_FORMAT=compressed"
                + " KEY_BLOCK_SIZE=8 COMMENT='it''s'");
        assertThat(t.engine()).isEqualTo("InnoDB");
        assertThat(t.rowFormat()).isEqualTo("COMPRESSED");
        assertThat(t.comment()).isEqualTo("it's");
        assertThat(t.collation()).isEqualTo("cp1251_bin");
        assertThat(t.options()).containsExactly(java.util.Map.entry("AUTO_INCREMENT", "7"),
                java.util.Map.entry("STATS_PERSISTENT", "0"), java.util.Map.entry("KEY_BLOCK_SIZE", "8"));
    }

    @Test
    void badInputGivesAProblemNamingTheLineNeverAnException() {
        String ddl = "CREATE TABLE ok (a int);\n\n\nCREATE TABLE broken (a int,, b);\nCREATE TABLE odd (a frobnicate);\n"
                + "CREATE TABLE";
        DdlParseResult result = new DdlParser(ServerDialect.MYSQL_8_0).parse(ddl);
        assertThat(result.tables()).extracting(TableDef::name).containsExactly("ok");
        assertThat(result.problems()).allMatch(DdlProblem::fatal);
        assertThat(result.problems()).extracting(DdlProblem::line).contains(4, 5, 6);
        assertThat(result.problems().get(0).message()).startsWith("cannot parse CREATE TABLE");
        for (String garbage : List.of("", ";;;", "'unterminated", "/* open comment", "CREATE TABLE t (a int",
                "CREATE TABLE t (a enum(", new String(new byte[] {(byte) 0xff, 0, 1, 2}, StandardCharsets.ISO_8859_1))) {
            assertThat(new DdlParser(ServerDialect.MARIADB_10_11).parse(garbage).tables()).as(garbage).isEmpty();
        }
    }

    @Test
    void writerOutputParsesBackToTheSameModel() {
        TableDef t = parseOne(ServerDialect.MARIADB_10_11, """
                CREATE TABLE `t` (`id` int(11) NOT NULL, `e` enum('a','it''s') NOT NULL DEFAULT 'a',
                  `v` varchar(9) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin COMMENT 'back\\\\slash',
                  `ts` timestamp NULL DEFAULT NULL, `g` int(11) GENERATED ALWAYS AS (`id` + 1) VIRTUAL,
                  PRIMARY KEY (`id`), KEY `k` (`v`(3) DESC) COMMENT 'c',
                  CONSTRAINT `c1` CHECK (`id` > 0)
                ) ENGINE=InnoDB DEFAULT CHARSET=latin1 ROW_FORMAT=DYNAMIC COMMENT='x'
                PARTITION BY HASH (`id`) PARTITIONS 3
                """);
        assertThat(t.column("v").orElseThrow().comment()).isEqualTo("back\\slash");
        DdlParseResult again = new DdlParser(ServerDialect.MARIADB_10_11).parse(DdlWriter.write(t));
        assertThat(again.problems()).isEmpty();
        assertThat(again.tables()).containsExactly(t);
    }
}
