package dev.unbind.subjects.revocable;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.MiscDevice;

/**
 * struct miscdevice with the fields the revocable patches add: {@code rps}, {@code num_rps} and
 * {@code frops} (v5 6/7: providers chosen by the driver), or {@code rp} (the Oct 19 variant: a
 * provider misc_register allocates for the device itself). Every field lives in the driver's
 * allocation of the struct.
 */
final class RevocableMiscDevice extends MiscDevice {
    /** The array misc->rps points to: the driver devm_kcalloc's it in probe. */
    static final class Rps {
        final Cell mem;
        private final RevocableCore.Provider<?>[] slots;

        Rps(Cell mem, int n) {
            this.mem = mem;
            this.slots = new RevocableCore.Provider<?>[n];
        }

        RevocableCore.Provider<?> get(int i) {
            mem.touch("read rps[" + i + "]");
            return slots[i];
        }

        void set(int i, RevocableCore.Provider<?> rp) {
            mem.touch("write rps[" + i + "]");
            slots[i] = rp;
        }

        int size() {
            return slots.length;
        }
    }

    private volatile Rps rps;
    private volatile int numRps;
    private volatile Object frops;
    private volatile RevocableCore.Provider<RevocableMiscDevice> rp;

    RevocableMiscDevice(Cell home, String name, int minor, FileOperations fops, Device parent) {
        super(home, name, minor, fops, parent);
    }

    Rps rps() {
        home().touch("read miscdevice->rps");
        return rps;
    }

    int numRps() {
        home().touch("read miscdevice->num_rps");
        return numRps;
    }

    void rps(Rps r, int n) {
        home().touch("write miscdevice->rps");
        rps = r;
        numRps = n;
    }

    /** The driver's fs_revocable_operations (its type depends on the variant's fs layer). */
    @SuppressWarnings("unchecked")
    <T> T frops() {
        home().touch("read miscdevice->frops");
        return (T) frops;
    }

    void frops(Object f) {
        home().touch("write miscdevice->frops");
        frops = f;
    }

    RevocableCore.Provider<RevocableMiscDevice> rp() {
        home().touch("read miscdevice->rp");
        return rp;
    }

    void rp(RevocableCore.Provider<RevocableMiscDevice> p) {
        home().touch("write miscdevice->rp");
        rp = p;
    }
}
