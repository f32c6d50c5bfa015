package dev.salvage.myisam.repair;

import dev.salvage.harness.ServerKind;

/**
 * The same proof as {@link MyisamRepairOnRealServersTest} on tables MySQL 5.7 wrote (no HA_OPTION_NULL_FIELDS, so
 * FIXED tables with CHECKSUM=1 sum {@code mi_static_checksum}), the rebuilt files opened by a MySQL 5.7 server.
 */
class MyisamRepairOnMysql57Test extends MyisamRepairOnRealServersTest {

    @Override
    ServerKind kind() {
        return ServerKind.MYSQL_5_7;
    }
}
