package dev.salvage.myisam;

import java.util.ArrayList;
import java.util.List;

/** Collects findings up to a cap, so a badly damaged file produces a readable report, and counts the rest. */
final class FindingSink {
    static final int DEFAULT_CAP = 200;

    private final List<MyisamFinding> findings = new ArrayList<>();
    private final int cap;
    private long suppressed;

    FindingSink(int cap) {
        this.cap = cap;
    }

    FindingSink() {
        this(DEFAULT_CAP);
    }

    void add(MyisamFinding f) {
        if (findings.size() < cap) {
            findings.add(f);
        } else {
            suppressed++;
        }
    }

    List<MyisamFinding> findings() {
        return findings;
    }

    long suppressed() {
        return suppressed;
    }

    boolean hasProblems() {
        return suppressed > 0 || findings.stream().anyMatch(MyisamFinding::isProblem);
    }
}
