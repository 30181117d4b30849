package dev.unbind.subjects.revocable;

import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Callback;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Errno;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Point;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.device.Driver;
import dev.unbind.kernel.fs.File;
import dev.unbind.kernel.fs.FileOperations;
import dev.unbind.kernel.fs.Inode;
import dev.unbind.kernel.fs.Misc;
import dev.unbind.kernel.fs.VmOperations;
import dev.unbind.kernel.fs.Vma;


/**
 * The thread's own example for revocable (Tzung-Bi Shih, 2025-10-17): "Driver X provides the
 * res1. Driver Y provides the res2. Driver Z provides the chardev /dev/zzz. The file operations
 * use res1 and res2." X and Y are unrelated to Z, so nothing unbinds Z before them: exactly the
 * case revocable is for, and the one consumer here with more than one provider.
 *
 * <p>Z's fops: open enables an interrupt of res1, read uses res1 and res2, write uses res1, mmap
 * maps res1. {@link Mainline} keeps its own pointers (what the Oct 19 misc variant leaves a
 * driver with), {@link V5} gets them from its try_access callback, {@link Fixed} runs on the
 * corrected fs layer.
 */
final class TwoProviderConsumer {
    static final Point SUPPLIER_KZALLOC = Point.fallible("revocable.zzz.supplier.probe.devm_kzalloc");
    static final Point RES_KZALLOC = Point.fallible("revocable.zzz.supplier.probe.devm_kzalloc_res");
    static final Point MISC_KZALLOC = Point.fallible("revocable.zzz.probe.devm_kzalloc");
    static final Point RPS_KCALLOC = Point.fallible("revocable.zzz.probe.devm_kcalloc");
    static final Point PROVIDER_REF_ACTION = Point.fallible("revocable.zzz.probe.devm_add_action");
    static final Point PRIV_KZALLOC = Point.fallible("revocable.zzz.open.kzalloc");
    static final Point RES_ACCESS = Point.window("revocable.zzz.res-access", "unbind")
            .guarding("zzz_res*|zzz_supplier_data");

    private TwoProviderConsumer() {
    }

    /** A supplier (driver X or Y): its resource and the provider it revokes at unbind. */
    static final class Supplier {
        /** The supplier's driver data: devm, freed after the revoke. */
        record Data(Cell mem, Cell res, RevocableCore.Provider<Cell> rp) {
            public Cell res() {
                mem.touch("read x->res");
                return res;
            }

            public RevocableCore.Provider<Cell> rp() {
                mem.touch("read x->rp");
                return rp;
            }
        }

        private final Kernel k;
        private final RevocableCore core;
        private final String res;
        final Device dev;
        final Driver driver;
        volatile Data data;

        Supplier(Kernel k, RevocableCore core, String name, String res) {
            this.k = k;
            this.core = core;
            this.res = res;
            this.dev = new Device(k, name, k.memory().global("platform_device"), null);
            dev.initialize(() -> { });
            this.driver = new Driver(name, null, this::probe, d -> { });
        }

        private int probe(Device d) {
            Cell mem = d.devres().kzalloc(SUPPLIER_KZALLOC, "zzz_supplier_data");
            if (mem == null) {
                return -Errno.ENOMEM;
            }
            Cell r = d.devres().kzalloc(RES_KZALLOC, res);
            if (r == null) {
                return -Errno.ENOMEM;
            }
            RevocableCore.Provider<Cell> rp = core.devmProviderAlloc(d, res, r);
            if (rp == null) {
                return -Errno.ENOMEM;
            }
            data = new Data(mem, r, rp);
            return 0;
        }
    }

    /** Z's per-file state. */
    static final class Priv {
        final Cell mem;
        private volatile Cell res1;
        private volatile Cell res2;

        Priv(Cell mem) {
            this.mem = mem;
        }

        Cell res(int i) {
            mem.touch("read priv->res" + (i + 1));
            return i == 0 ? res1 : res2;
        }

        void res(int i, Cell r) {
            mem.touch("write priv->res" + (i + 1));
            if (i == 0) {
                res1 = r;
            } else {
                res2 = r;
            }
        }
    }

    /** Driver Z. */
    abstract static class Consumer {
        final Kernel k;
        final Module owner;
        final RevocableMisc misc;
        final FileOperations fops;
        final Driver driver;
        final Supplier x;
        final Supplier y;
        private final IdentitySlots<Device, RevocableMiscDevice> drvdata = new IdentitySlots<>();
        /** Z's pointers to its suppliers' driver data, taken at probe. */
        volatile Supplier.Data xData;
        volatile Supplier.Data yData;
        /** The minor of /dev/zzz while Z is registered, else -1. */
        volatile int minor = -1;

        Consumer(Kernel k, Module owner, RevocableMisc misc, Supplier x, Supplier y) {
            this.k = k;
            this.owner = owner;
            this.misc = misc;
            this.x = x;
            this.y = y;
            this.fops = new FileOperations("zzz_fops", owner);
            fops.open = this::open;
            fops.read = this::read;
            fops.write = this::write;
            fops.mmap = this::mmap;
            fops.release = this::release;
            this.driver = new Driver("zzz", owner, this::probe, this::remove);
        }

        RevocableMiscDevice miscdev(Device pdev) {
            return drvdata.get(pdev);
        }

        int probe(Device pdev) {
            xData = x.data;
            yData = y.data;
            if (xData == null || yData == null) {
                return -Errno.EPROBE_DEFER;
            }
            Cell mem = pdev.devres().kzalloc(MISC_KZALLOC, "miscdevice");
            if (mem == null) {
                return -Errno.ENOMEM;
            }
            RevocableMiscDevice m = new RevocableMiscDevice(mem, "zzz", Misc.DYNAMIC_MINOR, fops, null);
            int rc = setUpRevocable(pdev, m);
            if (rc != 0) {
                return rc;
            }
            rc = misc.register(m);
            if (rc == 0) {
                drvdata.put(pdev, m);
            minor = m.minor(); // the node user space opens by name
            }
            return rc;
        }

        void remove(Device pdev) {
            RevocableMiscDevice m = drvdata.remove(pdev);
            minor = -1;
            if (m != null) {
                misc.deregister(m);
            }
        }

        int open(Inode inode, File filp) {
            Cell mem = k.kzalloc(PRIV_KZALLOC, "zzz_priv");
            if (mem == null) {
                return -Errno.ENOMEM;
            }
            Priv priv = new Priv(mem);
            filp.privateData(priv);
            Cell r1 = xData.res();
            r1.touch("zzz_open: enable the interrupt of res1");
            setResAtOpen(priv, r1, yData.res());
            return 0;
        }

        long read(File filp, long count) {
            Priv priv = filp.privateData();
            Cell r1 = k.deref(priv.res(0), "zzz_read: priv->res1");
            Cell r2 = k.deref(priv.res(1), "zzz_read: priv->res2");
            try (Cell.Access a = r1.enter("zzz_read: read res1")) {
                k.at(RES_ACCESS);
            }
            r2.touch("zzz_read: read res2");
            return count;
        }

        long write(File filp, long count) {
            Priv priv = filp.privateData();
            Cell r1 = k.deref(priv.res(0), "zzz_write: priv->res1");
            r1.touch("zzz_write: write res1");
            return count;
        }

        int mmap(File filp, Vma v) {
            Priv priv = filp.privateData();
            Cell r1 = k.deref(priv.res(0), "zzz_mmap: priv->res1");
            r1.touch("zzz_mmap: the physical address of res1");
            v.remapPfn(r1); // remap_pfn_range: PTEs to res1 until unmapped or zapped
            return 0;
        }

        int release(Inode inode, File filp) {
            Priv priv = filp.privateData();
            k.memory().free(priv.mem, "zzz_release: kfree(priv)");
            return 0;
        }

        abstract int setUpRevocable(Device pdev, RevocableMiscDevice m);

        abstract void setResAtOpen(Priv priv, Cell res1, Cell res2);
    }

    /** Z written the usual way: pointers taken at open, used until release. */
    static final class Mainline extends Consumer {
        Mainline(Kernel k, Module owner, RevocableMisc misc, Supplier x, Supplier y) {
            super(k, owner, misc, x, y);
        }

        @Override
        int setUpRevocable(Device pdev, RevocableMiscDevice m) {
            return 0;
        }

        @Override
        void setResAtOpen(Priv priv, Cell res1, Cell res2) {
            priv.res(0, res1);
            priv.res(1, res2);
        }
    }

    /** Z on v5: both providers in misc->rps, pointers from the try_access callback. */
    static final class V5 extends Consumer {
        private final RevocableCore.AsPosted core;

        V5(Kernel k, Module owner, RevocableMisc misc, Supplier x, Supplier y, RevocableCore.AsPosted core) {
            super(k, owner, misc, x, y);
            this.core = core;
        }

        private int tryAccess(RevocableCore.Consumer<?>[] revs, int numRevs, Object data) {
            Priv priv = (Priv) data;
            boolean all = true;
            for (int i = 0; i < numRevs; i++) {
                priv.res(i, (Cell) core.tryAccess(revs[i]));
                all &= priv.res(i) != null;
            }
            return all ? 0 : -Errno.ENODEV;
        }

        @Override
        int setUpRevocable(Device pdev, RevocableMiscDevice m) {
            Cell rpsMem = pdev.devres().kzalloc(RPS_KCALLOC, "rps");
            if (rpsMem == null) {
                return -Errno.ENOMEM;
            }
            RevocableMiscDevice.Rps rps = new RevocableMiscDevice.Rps(rpsMem, 2);
            rps.set(0, xData.rp()); // BUG (D10): bare pointers into X's and Y's providers
            rps.set(1, yData.rp());
            m.rps(rps, 2);
            m.frops(new FsRevocable.V5.Operations(owner, this::tryAccess));
            return 0;
        }

        @Override
        void setResAtOpen(Priv priv, Cell res1, Cell res2) {
            // the callback sets priv->res1/res2; the open above used res1 outside any section (D5)
        }
    }

    /** Z on the corrected fs layer: provider references held while registered, mmap by fault. */
    static final class Fixed extends Consumer {
        private final RevocableCore.Fixed core;
        private final FsRevocableFixed fs;
        private final VmOperations vmOps;

        Fixed(Kernel k, Module owner, RevocableMisc misc, Supplier x, Supplier y, RevocableCore.Fixed core,
              FsRevocableFixed fs) {
            super(k, owner, misc, x, y);
            this.core = core;
            this.fs = fs;
            this.vmOps = new VmOperations("zzz_vm_ops", owner);
            vmOps.fault = this::fault;
        }

        @Override
        int setUpRevocable(Device pdev, RevocableMiscDevice m) {
            Cell rpsMem = pdev.devres().kzalloc(RPS_KCALLOC, "rps");
            if (rpsMem == null) {
                return -Errno.ENOMEM;
            }
            RevocableMiscDevice.Rps rps = new RevocableMiscDevice.Rps(rpsMem, 2);
            for (Supplier.Data s : new Supplier.Data[] {xData, yData}) {
                RevocableCore.Provider<Cell> rp = s.rp();
                core.providerGet(rp); // FIX (D10): held until Z is unbound
                if (pdev.devres().addOrReset(PROVIDER_REF_ACTION,
                        Callback.builtin("revocable_provider_put", () -> core.put(rp))) != 0) {
                    return -Errno.ENOMEM;
                }
                rps.set(s == xData ? 0 : 1, rp);
            }
            m.rps(rps, 2);
            m.frops(new FsRevocableFixed.Operations(owner, filp -> { })); // nothing of Z sleeps
            return 0;
        }

        @Override
        void setResAtOpen(Priv priv, Cell res1, Cell res2) {
            priv.res(0, res1); // FIX: set once, inside the section W_open entered
            priv.res(1, res2);
        }

        @Override
        int mmap(File filp, Vma v) {
            v.vmOps(vmOps); // FIX: PTEs come from the fault handler, inside a section; revoke zaps them
            return 0;
        }

        private int fault(Vma v, long pgoff) {
            FsRevocableFixed.Section s = fs.enter(v);
            if (!s.present()) {
                fs.exit(v, s);
                return Vma.VM_FAULT_SIGBUS;
            }
            Priv priv = v.file().privateData();
            Cell r1 = priv.res(0);
            r1.touch("zzz_fault: the physical address of res1");
            v.remapPfn(r1);
            fs.exit(v, s);
            return 0;
        }
    }
}
