package dev.unbind.sched;

/** Why a wait ended. */
public enum WaitOutcome {
    READY, SIGNALLED, TIMED_OUT
}
