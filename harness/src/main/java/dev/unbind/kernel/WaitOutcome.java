package dev.unbind.kernel;

/** Why a wait ended. */
public enum WaitOutcome {
    READY, SIGNALLED, TIMED_OUT
}
