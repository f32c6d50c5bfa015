package dev.salvage.io;

import java.io.IOException;

/** An input that cannot be read at all; the message is one line meant for the user. */
public class UnreadableInputException extends IOException {
    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
