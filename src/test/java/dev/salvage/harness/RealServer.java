package dev.salvage.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class or method that starts a real server (or reads a datadir one generated).
 * Such tests can be left out with {@code -Dsalvage.test.excludedGroups=real-server}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealServer.TAG)
public @interface RealServer {
    String TAG = "real-server";
}
