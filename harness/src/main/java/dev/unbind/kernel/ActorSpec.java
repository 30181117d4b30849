package dev.unbind.kernel;

import java.util.Objects;

/** An actor to start: its name and what it does. */
public record ActorSpec(String name, Runnable body) {
    public ActorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }

    public static ActorSpec of(String name, Runnable body) {
        return new ActorSpec(name, body);
    }
}
