package dev.unbind.subjects.cdev;

import dev.unbind.kernel.Module;
import dev.unbind.kernel.fs.FileOperations;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The memory behind the sketch's {@code union { const struct file_operations *ops; struct
 * cdev_sync_data *sync; }}: when one member is read as the other, the words of one structure are
 * seen through the layout of the other. This class says which word lands on which entry.
 *
 * <p>Layouts are x86-64, v6.12, on a kernel without RANDSTRUCT (file_operations is
 * {@code __randomize_layout}) and without lockdep (which grows struct rw_semaphore):
 * <pre>
 *   struct file_operations   owner 0, fop_flags 8, llseek 16, read 24, write 32, read_iter 40,
 *                            write_iter 48, iopoll 56, iterate_shared 64, poll 72,
 *                            unlocked_ioctl 80, compat_ioctl 88, mmap 96, open 104, flush 112,
 *                            release 120, fsync 128, fasync 136, lock 144,
 *                            get_unmapped_area 152, check_flags 160, flock 168, ...
 *   struct cdev_sync_data    sem 0 (count 0, owner 8, osq + wait_lock 16, wait_list 24..40),
 *                            orig_fops 40, sync_fops 48, revoked after it
 * </pre>
 * Of file_operations the model only has owner, read, write, poll, the ioctls, mmap, open and
 * release; every other member is NULL in every table of this model.
 */
final class FopsLayout {
    /** offsetof(struct cdev_sync_data, sync_fops). */
    static final int SYNC_FOPS = 48;
    private static final List<String> FOPS_MEMBERS = List.of("owner", "fop_flags", "llseek", "read", "write",
            "read_iter", "write_iter", "iopoll", "iterate_shared", "poll", "unlocked_ioctl", "compat_ioctl", "mmap",
            "open", "flush", "release", "fsync", "fasync", "lock", "get_unmapped_area", "check_flags", "flock");
    private static final List<String> VIEWED = List.of("owner", "read", "write", "poll", "unlocked_ioctl",
            "compat_ioctl", "mmap", "open", "release");

    private FopsLayout() {
    }

    static int offsetOf(String member) {
        int i = FOPS_MEMBERS.indexOf(member);
        if (i < 0) {
            throw new IllegalArgumentException("not a file_operations member: " + member);
        }
        return i * 8;
    }

    /** The file_operations member at a byte offset, or {@code "past flock"}. */
    static String memberAt(int offset) {
        int i = offset / 8;
        return offset % 8 == 0 && i < FOPS_MEMBERS.size() ? FOPS_MEMBERS.get(i) : "past flock";
    }

    /** The word a table holds in {@code member}: a Module, a function, or null. */
    static Object word(FileOperations t, String member) {
        return switch (member) {
            case "owner" -> t.owner;
            case "read" -> t.read;
            case "write" -> t.write;
            case "poll" -> t.poll;
            case "unlocked_ioctl" -> t.unlockedIoctl;
            case "compat_ioctl" -> t.compatIoctl;
            case "mmap" -> t.mmap;
            case "open" -> t.open;
            case "release" -> t.release;
            default -> null;
        };
    }

    /**
     * {@code &((struct cdev_sync_data *)ops)->sync_fops}: an ordinary cdev's own table read
     * {@link #SYNC_FOPS} bytes in, as if it were the sync_fops of a cdev_sync_data.
     */
    static FileOperations syncFopsOf(FileOperations ops) {
        return view(ops.name + " read 48 bytes in as sync_fops", off -> word(ops, memberAt(off + SYNC_FOPS)));
    }

    /** The words of a struct cdev_sync_data, by byte offset. */
    interface SyncDataWords {
        /** sem.count: 0 while nobody holds it. */
        long semCount();

        /** sem.wait_list.next: NULL unless init_rwsem ran (then it points at itself: data, not code). */
        boolean waitListInitialised();

        FileOperations origFops();

        FileOperations syncFops();
    }

    /** {@code fops_get(p->ops)} where ops holds a cdev_sync_data: its words through file_operations. */
    static FileOperations opsOf(SyncDataWords s, String name) {
        FileOperations v = view(name + " read as file_operations", off -> {
            if (off >= SYNC_FOPS) {
                return word(s.syncFops(), memberAt(off - SYNC_FOPS));
            }
            if (off == 24 || off == 32) {
                return s.waitListInitialised() ? (Object) "&sync->sem.wait_list" : null;
            }
            return off == 40 ? s.origFops() : null;
        });
        return v;
    }

    /** The owner word of {@link #opsOf}: sem.count, a small integer while the rwsem is held. */
    static long ownerWordOf(SyncDataWords s) {
        return s.semCount();
    }

    private static FileOperations view(String name, IntFunction<Object> wordAt) {
        FileOperations v = new FileOperations(name, null);
        for (String entry : VIEWED) {
            Object w = wordAt.apply(offsetOf(entry));
            if (entry.equals("owner")) {
                v.owner = w instanceof Module m ? m : null; // a function or data here would be a wild module pointer
                continue;
            }
            install(v, entry, w);
        }
        return v;
    }

    private static void install(FileOperations v, String entry, Object w) {
        if (w == null) {
            return;
        }
        switch (entry) {
            case "read" -> v.read = w instanceof FileOperations.Read r ? r : (f, n) -> wild(entry, w);
            case "write" -> v.write = w instanceof FileOperations.Write r ? r : (f, n) -> wild(entry, w);
            case "poll" -> v.poll = w instanceof FileOperations.Poll r ? r : f -> (int) wild(entry, w);
            case "unlocked_ioctl" -> v.unlockedIoctl = w instanceof FileOperations.Ioctl r ? r : (f, c, a) -> wild(entry, w);
            case "compat_ioctl" -> v.compatIoctl = w instanceof FileOperations.Ioctl r ? r : (f, c, a) -> wild(entry, w);
            case "mmap" -> v.mmap = w instanceof FileOperations.Mmap r ? r : (f, vma) -> (int) wild(entry, w);
            case "open" -> v.open = w instanceof FileOperations.Open r ? r : (i, f) -> (int) wild(entry, w);
            case "release" -> v.release = w instanceof FileOperations.Release r ? r : (i, f) -> (int) wild(entry, w);
            default -> throw new IllegalArgumentException(entry);
        }
    }

    /** A call through an entry that holds something else: the scenarios never make one. */
    private static long wild(String entry, Object w) {
        throw new IllegalStateException("model: ->" + entry + " of a reinterpreted table would call " + w
                + " with the wrong arguments; no scenario of this family makes that call");
    }
}
