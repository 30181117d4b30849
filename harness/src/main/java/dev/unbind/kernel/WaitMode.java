package dev.unbind.kernel;

/** How a wait reacts to signals, as in the kernel's TASK_* states. */
public enum WaitMode {
    /** TASK_UNINTERRUPTIBLE: only the condition ends the wait (wait_for_completion, mutex_lock). */
    UNINTERRUPTIBLE,
    /** TASK_KILLABLE: a fatal signal ends the wait (down_read_killable, mutex_lock_killable). */
    KILLABLE,
    /** TASK_INTERRUPTIBLE: any signal ends the wait (wait_event_interruptible). */
    INTERRUPTIBLE
}
