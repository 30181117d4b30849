package dev.unbind.subjects.cdev;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.RwSem;
import dev.unbind.kernel.fs.FileOperations;

/** struct cdev_sync_data. All of it lives in {@link #mem}. */
final class CdevSyncData implements FopsLayout.SyncDataWords {
    final Cell mem;
    final RwSem sem;
    final FileOperations syncFops = new FileOperations("sync->sync_fops", null);
    private volatile FileOperations origFops;
    private volatile boolean revoked;
    private volatile boolean writeHeld;
    private final boolean semInitialised;

    CdevSyncData(Cell mem, RwSem sem, boolean semInitialised) {
        this.mem = mem;
        this.sem = sem;
        this.semInitialised = semInitialised;
    }

    @Override
    public FileOperations origFops() {
        mem.touch("read sync->orig_fops");
        return origFops;
    }

    void origFops(FileOperations f) {
        mem.touch("write sync->orig_fops");
        origFops = f;
    }

    boolean revoked() {
        mem.touch("read sync->revoked");
        return revoked;
    }

    void revoked(boolean r) {
        mem.touch("write sync->revoked");
        revoked = r;
    }

    /** Revoke holds sem for write (so sem.count reads RWSEM_WRITER_LOCKED). */
    void writeHeld(boolean held) {
        writeHeld = held;
    }

    @Override
    public long semCount() {
        return (writeHeld ? 1L : 0L) + 256L * sem.readers(); // RWSEM_WRITER_LOCKED, RWSEM_READER_BIAS
    }

    @Override
    public boolean waitListInitialised() {
        return semInitialised;
    }

    @Override
    public FileOperations syncFops() {
        return syncFops;
    }
}
