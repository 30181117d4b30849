package dev.unbind.subject;

/**
 * What user space holds when a scenario tears the device down: the situation a teardown latency
 * is measured in (PROTOCOLS.md §8). Reports show one remove latency row per situation, so a fix
 * that is fast with an idle fd but slow with a sleeping reader says so.
 */
public enum Situation {
    /** An fd is open (possibly with a call in flight) while the device goes away. */
    FD_OPEN,
    /** A reader or waiter sleeps inside the driver while the device goes away. */
    READER_BLOCKED,
    /** User space maps device memory while the device goes away. */
    MAPPING_ALIVE,
    /** Nothing user space holds is in the way (a probe, an open, an unload). */
    NONE
}
