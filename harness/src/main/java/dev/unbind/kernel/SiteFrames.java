package dev.unbind.kernel;

/** Which sites of a kernel name their functions of model code (a stack walk each, a few microseconds). */
public enum SiteFrames {
    /** Every site: frees and allocations kept for later, other actors' ongoing sites, the reporter's own. */
    ALL,
    /** Only the reporter's own sites, when a finding is reported: for engines that run thousands of runs a second. */
    REPORTED,
    /**
     * None: for a model checker that owns every thread (Lincheck), to which the walk's caches are
     * shared memory it would switch at and search differently.
     */
    NONE
}
