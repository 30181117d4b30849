package dev.unbind.subjects.revocable;

import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Kref;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.Srcu;
import dev.unbind.kernel.device.Device;

import java.util.ArrayList;
import java.util.List;

/**
 * drivers/base/revocable.c, the provider/consumer version the fs_revocable series builds on
 * (PROTOCOLS.md §4(a)-(b)): a provider holds an SRCU domain, an RCU pointer to the resource and a
 * kref; a consumer handle holds a provider reference; try_access enters the SRCU read section and
 * returns the resource or NULL; withdraw_access leaves it; revoke clears the pointer, waits for a
 * grace period and drops the provider's own reference.
 *
 * <p>{@link AsPosted} mirrors the posted file; {@link Fixed} is the corrected core the fixed
 * variant uses. The rules the corrected core keeps:
 * <ol>
 *   <li>init_srcu_struct can fail; then the provider is freed and NULL returned.</li>
 *   <li>The SRCU index belongs to one call, never to a handle shared by threads.</li>
 *   <li>A consumer handle is taken only while the caller holds a provider reference of its own.</li>
 *   <li>revoke tells every consumer before the grace period (to wake sleepers inside it) and after
 *       it (to drop what outlives a read section, such as user mappings).</li>
 * </ol>
 */
@dev.unbind.code.Core
abstract class RevocableCore {
    static final Point PROVIDER_KZALLOC = Point.fallible("revocable.core.provider_alloc.kzalloc");
    static final Point INIT_SRCU = Point.fallible("revocable.core.provider_alloc.init_srcu_struct");
    static final Point DEVM_ACTION = Point.fallible("revocable.core.devm_provider_alloc.devm_add_action");
    static final Point CONSUMER_KZALLOC = Point.fallible("revocable.core.revocable_alloc.kzalloc");
    /** revoke has cleared the resource pointer and not yet waited for the readers. */
    static final Point RES_CLEARED = Point.window("revocable.core.revoke.res-cleared",
            "open", "read", "write", "poll", "ioctl", "compat_ioctl", "mmap", "close")
                    .guarding("run|srcu *|revocable_provider");

    /** struct revocable_provider: kzalloc'ed; the SRCU domain and the kref live in its memory. */
    static final class Provider<T> {
        final Cell mem;
        final String name;
        final Srcu srcu;
        final Kref kref;
        /** The per-CPU srcu_data init_srcu_struct allocated (null if it failed). */
        volatile Cell srcuData;
        private volatile T res;
        /** Fixed core only: the consumers to tell about a revoke, under {@link #lock}. */
        final Mutex lock;
        final List<Consumer<T>> consumers = new ArrayList<>();

        Provider(Kernel k, Cell mem, String name) {
            this.mem = mem;
            this.name = name;
            this.srcu = new Srcu(k, "revocable_provider(" + name + ").srcu", mem);
            this.kref = new Kref(k, "revocable_provider.kref", mem);
            this.lock = new Mutex(k, "revocable_provider(" + name + ").lock", mem);
        }

        /** srcu_dereference(rp->res). */
        T res() {
            mem.touch("srcu_dereference(rp->res)");
            return res;
        }

        /** rcu_assign_pointer(rp->res, r). */
        void res(T r) {
            mem.touch("rcu_assign_pointer(rp->res)");
            res = r;
        }
    }

    /** struct revocable: a consumer handle with a provider reference. */
    static final class Consumer<T> {
        final Cell mem;
        private final Provider<T> rp;
        private volatile int idx;
        /** Fixed core only: told about a revoke. */
        final Listener listener;

        Consumer(Cell mem, Provider<T> rp, Listener listener) {
            this.mem = mem;
            this.rp = rp;
            this.listener = listener;
        }

        Provider<T> rp() {
            mem.touch("read rev->rp");
            return rp;
        }

        int idx() {
            mem.touch("read rev->idx");
            return idx;
        }

        void idx(int i) {
            mem.touch("write rev->idx");
            idx = i;
        }
    }

    /** What a consumer of the fixed core is told by revoke. */
    interface Listener {
        /** The resource is gone for new readers; the grace period has not begun: wake sleepers. */
        void revoking();

        /** The grace period is over: drop whatever outlives a read section (user mappings). */
        void revoked();
    }

    final Kernel k;

    RevocableCore(Kernel k) {
        this.k = k;
    }

    /** revocable_provider_alloc: the provider with its own reference, or null. */
    abstract <T> Provider<T> providerAlloc(String name, T res);

    /** revocable_provider_revoke. */
    abstract void revoke(Provider<?> rp);

    /** init_srcu_struct: 0, or -ENOMEM when its per-CPU allocation fails (the struct is unusable then). */
    int initSrcuStruct(Provider<?> rp) {
        if (k.fails(INIT_SRCU)) {
            rp.srcu.initFailed();
            return -Errno.ENOMEM;
        }
        rp.srcuData = k.memory().alloc("srcu_data", "init_srcu_struct(" + rp.name + "): alloc_percpu(srcu_data)");
        return 0;
    }

    /** devm_revocable_provider_alloc: revoked when {@code dev} is unbound. */
    <T> Provider<T> devmProviderAlloc(Device dev, String name, T res) {
        Provider<T> rp = providerAlloc(name, res);
        if (rp == null) {
            return null;
        }
        if (dev.devres().addOrReset(DEVM_ACTION, Callback.builtin("devm_revocable_provider_revoke", () -> revoke(rp))) != 0) {
            return null;
        }
        return rp;
    }

    /** kref_put(&rp->kref, revocable_provider_release). */
    void put(Provider<?> rp) {
        rp.kref.put(() -> {
            cleanupSrcuStruct(rp);
            k.memory().free(rp.mem, "revocable_provider_release: kfree(rp)");
        });
    }

    /** cleanup_srcu_struct: with a reader still inside, the kernel WARNs and leaks the per-CPU data. */
    private void cleanupSrcuStruct(Provider<?> rp) {
        Cell sda = rp.srcuData;
        if (sda != null && rp.srcu.readersInside() == 0) {
            k.memory().free(sda, "cleanup_srcu_struct: free_percpu(sda)");
        }
    }

    Cell allocProvider(String name) {
        return k.fails(PROVIDER_KZALLOC) ? null : k.memory().alloc("revocable_provider", "revocable_provider_alloc(" + name + ")");
    }

    Cell allocConsumer(Provider<?> rp) {
        return k.fails(CONSUMER_KZALLOC) ? null : k.memory().alloc("revocable", "revocable_alloc(" + rp.name + ")");
    }

    /** The file as posted. */
    static final class AsPosted extends RevocableCore {
        AsPosted(Kernel k) {
            super(k);
        }

        @Override
        <T> Provider<T> providerAlloc(String name, T res) {
            Cell mem = allocProvider(name);
            if (mem == null) {
                return null;
            }
            Provider<T> rp = new Provider<>(k, mem, name);
            initSrcuStruct(rp); // BUG (D9): the return value is ignored; the next SRCU call uses a dead struct
            rp.res(res);
            rp.srcu.synchronize();
            return rp; // kref_init
        }

        @Override
        void revoke(Provider<?> rp) {
            rp.res(null);
            k.at(RES_CLEARED);
            rp.srcu.synchronize();
            put(rp);
        }

        /** revocable_alloc. */
        <T> Consumer<T> alloc(Provider<T> rp) {
            Cell mem = allocConsumer(rp);
            if (mem == null) {
                return null;
            }
            Consumer<T> rev = new Consumer<>(mem, rp, null);
            rp.kref.get(); // BUG (D10): a plain get; nothing makes sure rp is still alive
            return rev;
        }

        /** revocable_free. */
        void free(Consumer<?> rev) {
            put(rev.rp());
            k.memory().free(rev.mem, "revocable_free: kfree(rev)");
        }

        /** revocable_try_access: always enters the read section, even when it returns NULL. */
        <T> T tryAccess(Consumer<T> rev) {
            Provider<T> rp = rev.rp();
            rev.idx(rp.srcu.readLock()); // BUG: the index is stored in the handle, which every thread of the file shares
            return rp.res();
        }

        /** revocable_withdraw_access. */
        void withdraw(Consumer<?> rev) {
            rev.rp().srcu.readUnlock(rev.idx());
        }
    }

    /** What one call's try_access gave it: the resource (or null) and its own SRCU index. */
    record Access<T>(T res, int idx) {
    }

    /** The corrected core. */
    static final class Fixed extends RevocableCore {
        Fixed(Kernel k) {
            super(k);
        }

        @Override
        <T> Provider<T> providerAlloc(String name, T res) {
            Cell mem = allocProvider(name);
            if (mem == null) {
                return null;
            }
            Provider<T> rp = new Provider<>(k, mem, name);
            if (initSrcuStruct(rp) != 0) { // FIX: rule 1
                k.memory().free(mem, "revocable_provider_alloc: kfree(rp)");
                return null;
            }
            rp.res(res); // (no synchronize_srcu: nobody can be reading a provider not yet returned)
            return rp;
        }

        @Override
        void revoke(Provider<?> rp) {
            rp.res(null);
            k.at(RES_CLEARED);
            tell(rp, Listener::revoking); // FIX: rule 4, sleepers leave their read sections
            rp.srcu.synchronize();
            tell(rp, Listener::revoked); // FIX: rule 4
            put(rp);
        }

        private void tell(Provider<?> rp, java.util.function.Consumer<Listener> what) {
            rp.lock.lock();
            try {
                for (Consumer<?> c : List.copyOf(rp.consumers)) {
                    what.accept(c.listener);
                }
            } finally {
                rp.lock.unlock();
            }
        }

        /** A reference for a holder that knows rp is alive (its device is bound). */
        void providerGet(Provider<?> rp) {
            rp.kref.get();
        }

        /** revocable_alloc: the caller holds a provider reference of its own (rule 3). */
        <T> Consumer<T> alloc(Provider<T> rp, Listener listener) {
            Cell mem = allocConsumer(rp);
            if (mem == null) {
                return null;
            }
            Consumer<T> rev = new Consumer<>(mem, rp, listener);
            rp.kref.get();
            rp.lock.lock();
            try {
                rp.consumers.add(rev);
            } finally {
                rp.lock.unlock();
            }
            return rev;
        }

        /** revocable_free: once it returns, revoke no longer calls the listener. */
        void free(Consumer<?> rev) {
            Provider<?> rp = rev.rp();
            rp.lock.lock();
            try {
                rp.consumers.remove(rev);
            } finally {
                rp.lock.unlock();
            }
            put(rp);
            k.memory().free(rev.mem, "revocable_free: kfree(rev)");
        }

        /** revocable_try_access: enters the read section; the index is the caller's (rule 2). */
        <T> Access<T> tryAccess(Consumer<T> rev) {
            Provider<T> rp = rev.rp();
            int idx = rp.srcu.readLock();
            return new Access<>(rp.res(), idx);
        }

        void withdraw(Consumer<?> rev, Access<?> a) {
            rev.rp().srcu.readUnlock(a.idx());
        }
    }
}
