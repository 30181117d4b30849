package dev.unbind.kernel.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * struct address_space as far as mappings go: the VMAs mapping it, so that
 * {@link #unmapMappingRange()} can zap every user mapping at once (what drm_dev_unplug does
 * with the anon inode shared by all of a device's files).
 */
public final class AddressSpace {
    private final List<Vma> vmas = new ArrayList<>();

    synchronized void add(Vma v) {
        vmas.add(v);
    }

    synchronized void remove(Vma v) {
        vmas.remove(v);
    }

    /** unmap_mapping_range over the whole range: every PTE is zapped; accesses fault again. */
    public void unmapMappingRange() {
        List<Vma> all;
        synchronized (this) {
            all = List.copyOf(vmas);
        }
        for (Vma v : all) {
            v.zap();
        }
    }

    public synchronized int mapped() {
        return vmas.size();
    }
}
