package dev.unbind.kernel;

import dev.unbind.finding.Finding;
import dev.unbind.finding.Kind;
import dev.unbind.sched.Choreography;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every detector fires on a planted bug, every time, and stays silent on the correct counterpart.
 * Each canary forces its interleaving twice: as a segment schedule under the controlled scheduler
 * and as a choreography on real threads. Runs are repeated {@value #RUNS} times.
 */
class CanaryTest {
    private static final int RUNS = 50;

    static final Point USER_START = Point.step("canary.user-start");
    static final Point INSIDE_ACCESS = Point.step("canary.inside-access");
    static final Point BEFORE_FREE = Point.step("canary.before-free");
    static final Point BEFORE_CHECK = Point.step("canary.before-check");
    static final Point AFTER_CHECK = Point.window("canary.after-check");
    static final Point REMOVE = Point.step("canary.remove");
    static final Point CLOSE = Point.step("canary.close");
    static final Point A_HOLDS = Point.step("canary.a-holds-first");
    static final Point B_START = Point.step("canary.b-start");
    static final Point B_HOLDS = Point.step("canary.b-holds-first");
    static final Point IN_HANDLER = Point.step("canary.in-handler");
    static final Point BEFORE_CALL = Point.step("canary.before-call");
    static final Point UNLOAD = Point.step("canary.unload");
    static final Point POLL = Point.step("canary.poll");

    /** A planted bug and its correct counterpart, with the interleaving that exposes the bug. */
    enum Canary {
        UAF_AFTER_FREE(Kind.UAF,
                k -> {
                    Cell obj = k.memory().alloc("widget", "kzalloc(widget)");
                    return List.of(
                            ActorSpec.of("user", () -> {
                                k.at(USER_START);
                                obj.touch("read widget->state");
                            }),
                            ActorSpec.of("freer", () -> {
                                k.at(BEFORE_FREE);
                                k.memory().free(obj, "kfree(widget)");
                            }));
                },
                k -> {
                    Cell obj = k.memory().alloc("widget", "kzalloc(widget)");
                    Kref ref = new Kref(k, "widget.ref", obj);
                    ref.get(); // the user's reference, taken when it looked the widget up
                    Runnable release = () -> k.memory().free(obj, "kfree(widget)");
                    return List.of(
                            ActorSpec.of("user", () -> {
                                k.at(USER_START);
                                obj.touch("read widget->state");
                                ref.put(release);
                            }),
                            ActorSpec.of("freer", () -> {
                                k.at(BEFORE_FREE);
                                ref.put(release);
                            }));
                },
                new String[] {"freer", "user"},
                () -> new Choreography().at("user", USER_START.name()).waitForFinish("freer"),
                () -> new Choreography().at("user", USER_START.name()).waitForFinish("freer")),

        UAF_FREE_INSIDE_SPAN(Kind.UAF,
                k -> {
                    Cell obj = k.memory().alloc("widget", "kzalloc(widget)");
                    return List.of(
                            ActorSpec.of("user", () -> {
                                try (Cell.Access a = obj.enter("long read of widget")) {
                                    k.at(INSIDE_ACCESS);
                                }
                            }),
                            ActorSpec.of("freer", () -> {
                                k.at(BEFORE_FREE);
                                k.memory().free(obj, "kfree(widget)");
                            }));
                },
                k -> {
                    Cell obj = k.memory().alloc("widget", "kzalloc(widget)");
                    RwSem sem = new RwSem(k, "widget_sem", null);
                    return List.of(
                            ActorSpec.of("user", () -> {
                                sem.downRead();
                                try (Cell.Access a = obj.enter("long read of widget")) {
                                    k.at(INSIDE_ACCESS);
                                }
                                sem.upRead();
                            }),
                            ActorSpec.of("freer", () -> {
                                k.at(BEFORE_FREE);
                                sem.downWrite(); // waits for the reader to leave
                                k.memory().free(obj, "kfree(widget)");
                                sem.upWrite();
                            }));
                },
                new String[] {"user until canary.inside-access", "freer", "user"},
                () -> new Choreography()
                        .at("freer", BEFORE_FREE.name()).waitFor("user", INSIDE_ACCESS.name())
                        .at("user", INSIDE_ACCESS.name()).waitForQuiet("freer"),
                () -> new Choreography()
                        .at("freer", BEFORE_FREE.name()).waitFor("user", INSIDE_ACCESS.name())
                        .at("user", INSIDE_ACCESS.name()).waitForQuiet("freer")),

        DOUBLE_FREE(Kind.DOUBLE_FREE,
                k -> {
                    Cell obj = k.memory().alloc("widget", "kzalloc(widget)");
                    boolean[] freed = new boolean[1];
                    Runnable close = () -> {
                        k.at(BEFORE_CHECK);
                        if (!freed[0]) { // BUG: check, then act
                            k.at(AFTER_CHECK);
                            freed[0] = true;
                            k.memory().free(obj, "kfree(widget)");
                        }
                    };
                    return List.of(ActorSpec.of("a", close), ActorSpec.of("b", close));
                },
                k -> {
                    Cell obj = k.memory().alloc("widget", "kzalloc(widget)");
                    AtomicBoolean freed = new AtomicBoolean();
                    Runnable close = () -> {
                        k.at(BEFORE_CHECK);
                        if (freed.compareAndSet(false, true)) {
                            k.at(AFTER_CHECK);
                            k.memory().free(obj, "kfree(widget)");
                        }
                    };
                    return List.of(ActorSpec.of("a", close), ActorSpec.of("b", close));
                },
                new String[] {"a until canary.after-check", "b", "a"},
                () -> new Choreography()
                        .at("b", BEFORE_CHECK.name()).waitFor("a", AFTER_CHECK.name())
                        .at("a", AFTER_CHECK.name()).waitForFinish("b"),
                () -> new Choreography()
                        .at("b", BEFORE_CHECK.name()).waitFor("a", AFTER_CHECK.name())
                        .at("a", AFTER_CHECK.name()).waitForFinish("b")),

        LEAK(Kind.LEAK,
                k -> leakProgram(k, false),
                k -> leakProgram(k, true),
                new String[] {"remover", "closer"},
                () -> new Choreography().at("closer", CLOSE.name()).waitForFinish("remover"),
                () -> new Choreography().at("closer", CLOSE.name()).waitForFinish("remover")),

        HANG(Kind.HANG,
                k -> abba(k, false),
                k -> abba(k, true),
                new String[] {"a until canary.a-holds-first", "b until canary.b-holds-first", "a", "b"},
                () -> new Choreography()
                        .at("a", A_HOLDS.name()).waitFor("b", B_HOLDS.name())
                        .at("b", B_HOLDS.name()).waitFor("a", A_HOLDS.name()),
                () -> new Choreography()
                        .at("b", B_START.name()).waitFor("a", A_HOLDS.name())
                        .at("a", A_HOLDS.name()).waitForQuiet("b")),

        FENCE(Kind.FENCE,
                k -> {
                    Fence fence = new Fence(k, "no handler runs after remove() returned");
                    return List.of(
                            ActorSpec.of("user", () -> {
                                try (Fence.Scope s = fence.enter("ioctl handler")) {
                                    k.at(IN_HANDLER);
                                }
                            }),
                            ActorSpec.of("remover", () -> {
                                k.at(REMOVE);
                                fence.close(); // BUG: returns without waiting for handlers
                            }));
                },
                k -> {
                    Fence fence = new Fence(k, "no handler runs after remove() returned");
                    RwSem sem = new RwSem(k, "alive_sem", null);
                    boolean[] alive = {true};
                    return List.of(
                            ActorSpec.of("user", () -> {
                                sem.downRead();
                                if (alive[0]) {
                                    try (Fence.Scope s = fence.enter("ioctl handler")) {
                                        k.at(IN_HANDLER);
                                    }
                                }
                                sem.upRead();
                            }),
                            ActorSpec.of("remover", () -> {
                                k.at(REMOVE);
                                sem.downWrite();
                                alive[0] = false;
                                sem.upWrite();
                                fence.close();
                            }));
                },
                new String[] {"user until canary.in-handler", "remover", "user"},
                () -> new Choreography()
                        .at("remover", REMOVE.name()).waitFor("user", IN_HANDLER.name())
                        .at("user", IN_HANDLER.name()).waitForQuiet("remover"),
                () -> new Choreography()
                        .at("remover", REMOVE.name()).waitFor("user", IN_HANDLER.name())
                        .at("user", IN_HANDLER.name()).waitForQuiet("remover")),

        MODULE(Kind.MODULE,
                k -> moduleProgram(k, false),
                k -> moduleProgram(k, true),
                new String[] {"unloader", "user"},
                () -> new Choreography().at("user", BEFORE_CALL.name()).waitForFinish("unloader"),
                () -> new Choreography().at("user", BEFORE_CALL.name()).waitForFinish("unloader")),

        ERRNO(Kind.ERRNO,
                k -> pollProgram(k, -Errno.ENODEV),
                k -> pollProgram(k, Errno.EPOLLERR | Errno.EPOLLHUP),
                new String[] {"remover", "poller"},
                () -> new Choreography().at("poller", POLL.name()).waitForFinish("remover"),
                () -> new Choreography().at("poller", POLL.name()).waitForFinish("remover"));

        final Kind kind;
        final Function<Kernel, List<ActorSpec>> planted;
        final Function<Kernel, List<ActorSpec>> correct;
        final String[] schedule;
        final java.util.function.Supplier<Choreography> plantedDance;
        final java.util.function.Supplier<Choreography> correctDance;

        Canary(Kind kind, Function<Kernel, List<ActorSpec>> planted, Function<Kernel, List<ActorSpec>> correct,
               String[] schedule, java.util.function.Supplier<Choreography> plantedDance,
               java.util.function.Supplier<Choreography> correctDance) {
            this.kind = kind;
            this.planted = planted;
            this.correct = correct;
            this.schedule = schedule;
            this.plantedDance = plantedDance;
            this.correctDance = correctDance;
        }
    }

    private static List<ActorSpec> leakProgram(Kernel k, boolean correct) {
        Cell priv = k.memory().alloc("priv", "kzalloc(priv) in open");
        boolean[] gone = new boolean[1];
        return List.of(
                ActorSpec.of("remover", () -> {
                    k.at(REMOVE);
                    gone[0] = true;
                }),
                ActorSpec.of("closer", () -> {
                    k.at(CLOSE);
                    if (correct || !gone[0]) { // BUG (planted): release skips the free once the device is gone
                        k.memory().free(priv, "kfree(priv) in release");
                    }
                }));
    }

    private static List<ActorSpec> abba(Kernel k, boolean sameOrder) {
        Mutex m1 = new Mutex(k, "m1");
        Mutex m2 = new Mutex(k, "m2");
        Mutex bFirst = sameOrder ? m1 : m2;
        Mutex bSecond = sameOrder ? m2 : m1;
        return List.of(
                ActorSpec.of("a", () -> {
                    m1.lock();
                    k.at(A_HOLDS);
                    m2.lock();
                    m2.unlock();
                    m1.unlock();
                }),
                ActorSpec.of("b", () -> {
                    k.at(B_START);
                    bFirst.lock();
                    k.at(B_HOLDS);
                    bSecond.lock();
                    bSecond.unlock();
                    bFirst.unlock();
                }));
    }

    private static List<ActorSpec> moduleProgram(Kernel k, boolean pinned) {
        Module helper = Module.load(k, "helper");
        Callback cleanup = new Callback(helper, "helper_cleanup", () -> { });
        if (pinned) {
            helper.tryGet(); // the user's try_module_get, taken when it stored the pointer
        }
        return List.of(
                ActorSpec.of("user", () -> {
                    k.at(BEFORE_CALL);
                    cleanup.call();
                    if (pinned) {
                        helper.put();
                    }
                }),
                ActorSpec.of("unloader", () -> {
                    k.at(UNLOAD);
                    helper.unload(); // -EBUSY while pinned
                }));
    }

    private static List<ActorSpec> pollProgram(Kernel k, int maskWhenGone) {
        boolean[] gone = new boolean[1];
        return List.of(
                ActorSpec.of("remover", () -> {
                    k.at(REMOVE);
                    gone[0] = true;
                }),
                ActorSpec.of("poller", () -> {
                    k.at(POLL);
                    int mask = gone[0] ? maskWhenGone : Errno.EPOLLIN;
                    k.expectPollMask("poll", mask);
                }));
    }

    // ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Canary.class)
    void plantedBug_isDetectedEveryTime_underTheControlledScheduler(Canary c) {
        int detected = 0;
        for (int i = 0; i < RUNS; i++) {
            List<Finding> f = Runs.run(Runs.controlled(c.schedule), c.planted);
            if (f.stream().anyMatch(x -> x.kind() == c.kind)) {
                detected++;
            }
        }
        assertEquals(RUNS, detected, c + " detected in " + detected + " of " + RUNS + " runs");
    }

    @ParameterizedTest
    @EnumSource(Canary.class)
    void plantedBug_isDetectedEveryTime_onRealThreads(Canary c) {
        int detected = 0;
        for (int i = 0; i < RUNS; i++) {
            Kernel k = Runs.threads();
            k.listener(c.plantedDance.get());
            List<Finding> f = Runs.run(k, c.planted);
            if (f.stream().anyMatch(x -> x.kind() == c.kind)) {
                detected++;
            }
        }
        assertEquals(RUNS, detected, c + " detected in " + detected + " of " + RUNS + " runs");
    }

    @ParameterizedTest
    @EnumSource(Canary.class)
    void correctCounterpart_showsNoFinding_underTheControlledScheduler(Canary c) {
        for (int i = 0; i < RUNS; i++) {
            List<Finding> f = Runs.run(Runs.controlled(c.schedule), c.correct);
            assertTrue(f.isEmpty(), c + " correct counterpart reported " + f);
        }
    }

    @ParameterizedTest
    @EnumSource(Canary.class)
    void correctCounterpart_showsNoFinding_onRealThreads(Canary c) {
        for (int i = 0; i < RUNS; i++) {
            Kernel k = Runs.threads();
            k.listener(c.correctDance.get());
            List<Finding> f = Runs.run(k, c.correct);
            assertTrue(f.isEmpty(), c + " correct counterpart reported " + f);
        }
    }
}
