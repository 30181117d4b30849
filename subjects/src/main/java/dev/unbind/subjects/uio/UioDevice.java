package dev.unbind.subjects.uio;

import dev.unbind.finding.Kind;
import dev.unbind.finding.Role;
import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Fence;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.Mutex;
import dev.unbind.kernel.WaitQueue;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.fs.AddressSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * struct uio_device (idev), allocated by uio at registration.
 *
 * <p>Who holds it: registration holds the struct device's first reference (dropped by
 * device_unregister); every open file holds one (get_device in open, put_device in release). The
 * last put runs uio_device_release, which frees it. Its struct device is only initialised by
 * device_initialize: a get_device before that is a reference the kernel loses.
 *
 * <p>{@link #info} is the driver's uio_info while registered, NULL after unregister; it is read and
 * cleared under {@link #infoLock}. {@link #driverCalls} is Greg's rule as a fence: once
 * uio_unregister_device has returned, uio calls none of the driver's uio_info callbacks again;
 * {@link #failedRegistration} is the same promise for a registration that returned an error.
 */
@dev.unbind.code.Core
final class UioDevice {
    final Kernel k;
    final Cell mem;
    final Mutex infoLock;
    final WaitQueue wait;
    final Fence driverCalls;
    /** The same rule for a registration that failed: the driver frees its uio_info on that error. */
    final Fence failedRegistration;
    /** The files open on this device, for a fix that releases them at unregister (under info_lock). */
    final List<Listener> listeners = new ArrayList<>();
    /** An address space shared by every file of the device, for a fix that zaps their mappings. */
    final AddressSpace mapping = new AddressSpace();
    private final Module owner;
    private final AtomicInteger event = new AtomicInteger();
    private volatile UioInfo info;
    /** [late_release patch] the uio_info saved at unregister for a late release. */
    private volatile UioInfo lateInfo;
    private volatile Device dev;
    private volatile int minor = -1;
    /** Model-side: uio_unregister_device has returned (what INV-U2's contract is about). */
    private volatile boolean unregistered;

    UioDevice(Kernel k, Cell mem, Module owner, UioInfo info) {
        this.k = k;
        this.mem = mem;
        this.owner = owner;
        this.info = info;
        this.infoLock = new Mutex(k, "idev->info_lock", mem);
        this.wait = new WaitQueue(k, "idev->wait", mem);
        this.driverCalls = new Fence(k, "uio calls no uio_info callback after uio_unregister_device returned");
        this.failedRegistration = new Fence(k, "uio calls no uio_info callback after __uio_register_device failed");
    }

    UioInfo info() {
        mem.touch("read idev->info");
        return info;
    }

    void info(UioInfo i) {
        mem.touch("write idev->info");
        info = i;
    }

    UioInfo lateInfo() {
        mem.touch("read idev->late_info");
        return lateInfo;
    }

    void lateInfo(UioInfo i) {
        mem.touch("write idev->late_info");
        lateInfo = i;
    }

    Module owner() {
        mem.touch("read idev->owner");
        return owner;
    }

    int minor() {
        mem.touch("read idev->minor");
        return minor;
    }

    void minor(int m) {
        mem.touch("write idev->minor");
        minor = m;
    }

    int event() {
        mem.touch("atomic_read(&idev->event)");
        return event.get();
    }

    void eventInc() {
        mem.touch("atomic_inc(&idev->event)");
        event.incrementAndGet();
    }

    // ------------------------------------------------------------ the struct device

    /** device_initialize + the release callback: the kobject's count becomes 1. */
    void deviceInitialize(String name) {
        mem.touch("device_initialize(&idev->dev)");
        Device d = new Device(k, name, mem, null);
        d.initialize(() -> k.memory().free(mem, "uio_device_release: kfree(idev)"));
        dev = d;
    }

    Device dev() {
        return dev;
    }

    /** get_device(&idev->dev). */
    void getDevice() {
        Device d = dev;
        if (d == null) {
            mem.touch("get_device(&idev->dev)");
            uninitialised("get_device", "the reference is lost when device_initialize sets the count to 1");
            return;
        }
        d.get();
    }

    /** put_device(&idev->dev): the last one frees idev. */
    void putDevice() {
        Device d = dev;
        if (d == null) {
            mem.touch("put_device(&idev->dev)");
            uninitialised("put_device", "the kobject has no release yet");
            return;
        }
        d.put();
    }

    private void uninitialised(String op, String consequence) {
        k.report(Kind.REFCOUNT, "refcount_t: " + op + " on uio_device " + mem.name()
                        + " before device_initialize (kobject not initialised); " + consequence,
                mem.name(), List.of(Role.of("by", k.self().site(op + "(&idev->dev) on an uninitialised device"))), "");
    }

    // ------------------------------------------------------------ model-side state

    boolean unregistered() {
        return unregistered;
    }

    void markUnregistered() {
        unregistered = true;
    }

    @Override
    public String toString() {
        return "uio_device " + mem.name();
    }
}
