package dev.salvage.sdi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The PARTITION BY clause of a table's SDI, written as SHOW CREATE TABLE writes it (sql/partition_info.cc,
 * sql_partition.cc generate_partition_syntax) without the version comment around it.
 */
final class SdiPartitioning {

    /** dd::Table::enum_partition_type. */
    private static final String[] TYPES = {null, "HASH", "KEY", "KEY", "LINEAR HASH", "LINEAR KEY", "LINEAR KEY",
            "RANGE", "LIST", "RANGE COLUMNS", "LIST COLUMNS", "KEY", "LINEAR KEY"};

    private SdiPartitioning() {
    }

    /** The clause, or null for a table that is not partitioned. */
    static String clause(JsonNode table, List<SdiFinding> findings, long page) {
        int type = table.path("partition_type").asInt(0);
        if (type == 0) {
            return null;
        }
        if (type < 0 || type >= TYPES.length) {
            findings.add(SdiFinding.warning(page, "SDI_PARTITION_TYPE_UNKNOWN", "partition type " + type
                    + " unknown; partitioning left out"));
            return null;
        }
        String kind = TYPES[type];
        String expression = table.path("partition_expression_utf8").asText("");
        StringBuilder out = new StringBuilder("PARTITION BY ").append(kind);
        out.append(kind.endsWith("COLUMNS") ? "(" + expression + ")" : " (" + expression + ")");
        if (table.path("subpartition_type").asInt(0) != 0) {
            findings.add(SdiFinding.warning(page, "SDI_SUBPARTITIONS_LEFT_OUT",
                    "subpartitioning is not written yet; the partitions are listed without it"));
        }
        List<String> partitions = new ArrayList<>();
        for (JsonNode partition : table.path("partitions")) {
            if (partition.path("parent_partition_id").asLong(-1) != -1) {
                continue; // a subpartition
            }
            partitions.add(partition(partition, kind));
        }
        boolean listed = kind.startsWith("RANGE") || kind.startsWith("LIST")
                || table.path("default_partitioning").asInt(0) == 0;
        if (listed) {
            out.append(" (").append(String.join(", ", partitions)).append(')');
        } else {
            out.append(" PARTITIONS ").append(partitions.size());
        }
        return out.toString();
    }

    private static String partition(JsonNode p, String kind) {
        StringBuilder out = new StringBuilder("PARTITION ").append(p.path("name").asText("p"));
        String description = p.path("description_utf8").asText("");
        if (kind.startsWith("RANGE")) {
            out.append(" VALUES LESS THAN ").append(description.equals("MAXVALUE") ? description : "(" + description + ")");
        } else if (kind.startsWith("LIST")) {
            out.append(" VALUES IN (").append(description).append(')');
        }
        String comment = p.path("comment").asText("");
        if (!comment.isEmpty()) {
            out.append(" COMMENT = '").append(comment.replace("'", "''")).append('\'');
        }
        out.append(" ENGINE = ").append(p.path("engine").asText("InnoDB"));
        return out.toString();
    }
}
