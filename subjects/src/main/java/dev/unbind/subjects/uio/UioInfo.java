package dev.unbind.subjects.uio;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.Vma;

import java.util.List;

/**
 * struct uio_info: the driver's description of its device, in the driver's own memory
 * ({@link #home}: embedded in tcmu_dev, or devm-allocated by a platform driver). Every read of a
 * field is an access to that memory, so uio reaching a uio_info the driver already freed is a
 * use-after-free. The callbacks are code in the driver's module ({@link #owner}).
 */
final class UioInfo {
    /** The driver owns its interrupt and calls uio_event_notify itself. */
    static final int IRQ_CUSTOM = -1;
    /** No interrupt: read and poll fail at once. */
    static final int IRQ_NONE = 0;

    /** The memory types the model maps (IOVA maps like PHYS, DMA_COHERENT is not modelled). */
    enum MemType { NONE, PHYS, LOGICAL }

    /** struct uio_mem: map index i of the device; {@code memory} is what its addr points into. */
    record Mem(String name, MemType type, Cell memory) {
    }

    /** int (*open)(struct uio_info *, struct inode *). */
    @FunctionalInterface
    interface Open {
        int open(UioInfo info, Inode inode);
    }

    /** int (*release)(struct uio_info *, struct inode *), and the late_release of the posted patch. */
    @FunctionalInterface
    interface Release {
        int release(UioInfo info, Inode inode);
    }

    /** int (*mmap)(struct uio_info *, struct vm_area_struct *). */
    @FunctionalInterface
    interface Mmap {
        int mmap(UioInfo info, Vma vma);
    }

    /** int (*irqcontrol)(struct uio_info *, s32 irq_on). */
    @FunctionalInterface
    interface IrqControl {
        int irqcontrol(UioInfo info, int irqOn);
    }

    /** The memory the struct lives in. */
    final Cell home;
    /** The module whose text the callbacks point into. */
    final Module owner;
    /** Prefix of the driver's symbols in reports ({@code tcmu}). */
    final String driver;
    private volatile List<Mem> mem = List.of();
    private volatile int irq = IRQ_NONE;
    private volatile Open open;
    private volatile Release release;
    private volatile Release lateRelease;
    private volatile Mmap mmap;
    private volatile IrqControl irqcontrol;
    private volatile UioDevice uioDev;
    /** Model-side, not a field of the struct: the minor user space knows the device by. */
    volatile int lastMinor;

    UioInfo(Cell home, Module owner, String driver) {
        this.home = home;
        this.owner = owner;
        this.driver = driver;
    }

    // ------------------------------------------------------------ set up by the driver

    void describe(List<Mem> maps, int irqNumber, Open o, Release r, Mmap m, IrqControl c) {
        home.touch("fill in uio_info");
        mem = List.copyOf(maps);
        irq = irqNumber;
        open = o;
        release = r;
        mmap = m;
        irqcontrol = c;
    }

    /** The posted patch's new member. */
    void lateRelease(Release r) {
        home.touch("info->late_release = ...");
        lateRelease = r;
    }

    // ------------------------------------------------------------ read by uio

    int irq() {
        home.touch("read info->irq");
        return irq;
    }

    /** uio_find_mem_index: the map index of {@code pgoff}, or -1. */
    int memIndex(long pgoff) {
        home.touch("read info->mem[vm_pgoff].size");
        return pgoff >= 0 && pgoff < mem.size() ? (int) pgoff : -1;
    }

    Mem mem(int i) {
        home.touch("read info->mem[" + i + "]");
        return mem.get(i);
    }

    int maps() {
        home.touch("walk info->mem");
        return mem.size();
    }

    UioDevice uioDev() {
        home.touch("read info->uio_dev");
        return uioDev;
    }

    void uioDev(UioDevice d) {
        home.touch("write info->uio_dev");
        uioDev = d;
    }

    boolean hasOpen() {
        home.touch("read info->open");
        return open != null;
    }

    boolean hasRelease() {
        home.touch("read info->release");
        return release != null;
    }

    boolean hasLateRelease() {
        home.touch("read info->late_release");
        return lateRelease != null;
    }

    boolean hasMmap() {
        home.touch("read info->mmap");
        return mmap != null;
    }

    boolean hasIrqcontrol() {
        home.touch("read info->irqcontrol");
        return irqcontrol != null;
    }

    // ------------------------------------------------------------ calls into the driver

    int callOpen(Inode inode) {
        owner.call(driver + "_open");
        return open.open(this, inode);
    }

    int callRelease(Inode inode) {
        owner.call(driver + "_release");
        return release.release(this, inode);
    }

    int callLateRelease(Inode inode) {
        owner.call(driver + "_late_release");
        return lateRelease.release(this, inode);
    }

    int callMmap(Vma vma) {
        owner.call(driver + "_mmap");
        return mmap.mmap(this, vma);
    }

    int callIrqcontrol(int irqOn) {
        owner.call(driver + "_irqcontrol");
        return irqcontrol.irqcontrol(this, irqOn);
    }

    @Override
    public String toString() {
        return "uio_info of " + driver + " in " + home.name();
    }
}
