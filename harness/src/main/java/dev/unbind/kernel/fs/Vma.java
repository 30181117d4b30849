package dev.unbind.kernel.fs;

import dev.unbind.kernel.Cell;

/**
 * A user mapping of a file. It holds a file reference for its whole life, so the file's release
 * runs only after every mapping is gone.
 *
 * <p>Rules:
 * <ol>
 *   <li>Memory mapped with {@link #remapPfn(Cell)} (remap_pfn_range) stays mapped until unmapped
 *       or zapped: every user access reaches that memory directly, freed or not.</li>
 *   <li>Otherwise a user access faults into the VMA's {@link VmOperations#fault}.</li>
 *   <li>A zapped VMA ({@link AddressSpace#unmapMappingRange}) faults again on the next access.</li>
 *   <li>A zap is atomic with user accesses through the PTEs: an access in flight completes before
 *       the zap does (the TLB shootdown waits for it), and none starts on the old PTE after it.
 *       Freeing mapped memory after the zap returned is safe; before, it is a use-after-free.</li>
 *   <li>A copy made by fork keeps the original's {@link #pgoff()}, vm_ops, private data and PTEs.</li>
 * </ol>
 */
public final class Vma {
    /** VM_FAULT_SIGBUS. */
    public static final int VM_FAULT_SIGBUS = 0x0002;

    private final File file;
    private final long pgoff;
    private volatile VmOperations vmOps;
    private volatile Object privateData;
    private volatile Cell pfnTarget;
    private volatile boolean zapped;
    private final Object pageTableLock = new Object();
    private volatile boolean unmapped;

    Vma(File file, long pgoff) {
        this.file = file;
        this.pgoff = pgoff;
    }

    public File file() {
        return file;
    }

    /**
     * vm_pgoff: the offset mmap(2) was given, in pages. Drivers may give it a meaning of their own
     * (uio uses it as the index of the memory map to map).
     */
    public long pgoff() {
        return pgoff;
    }

    public VmOperations vmOps() {
        return vmOps;
    }

    public void vmOps(VmOperations ops) {
        vmOps = ops;
    }

    @SuppressWarnings("unchecked")
    public <T> T privateData() {
        return (T) privateData;
    }

    public void privateData(Object p) {
        privateData = p;
    }

    /** remap_pfn_range: permanent PTEs to {@code memory}. */
    public void remapPfn(Cell memory) {
        pfnTarget = memory;
        zapped = false;
    }

    /** The memory the PTEs point to, or null if none are present (never mapped, or zapped). */
    Cell pfnTarget() {
        synchronized (pageTableLock) {
            return zapped ? null : pfnTarget;
        }
    }

    /**
     * A user access to page {@code pgoff} through a present PTE, atomic with respect to
     * {@link #zap()}; false if there is none (the access faults instead).
     */
    boolean accessThroughPte(long pgoff) {
        synchronized (pageTableLock) {
            Cell target = zapped ? null : pfnTarget;
            if (target == null) {
                return false;
            }
            target.touch("user access through a PFN mapping, page " + pgoff);
            return true;
        }
    }

    void zap() {
        synchronized (pageTableLock) { // waits for an access through the PTE in flight
            zapped = true;
        }
    }

    /** The page-table lock of this mapping (tests hold it to stand for an access in flight). */
    Object pageTableLock() {
        return pageTableLock;
    }

    public boolean zapped() {
        return zapped;
    }

    boolean unmapped() {
        return unmapped;
    }

    void markUnmapped() {
        unmapped = true;
    }
}
