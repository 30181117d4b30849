package dev.unbind.subject;

import dev.unbind.kernel.Kernel;

/**
 * What every family's model interface offers besides its own calls, so the harness can bring any
 * variant's machine up and down without knowing its family: the kernel it runs on, the first
 * probe a scenario makes, and quiescence.
 */
public interface Machine {
    Kernel kernel();

    /** Binds the driver to the device (the probe most scenarios start with): 0 or -errno. */
    int probe();

    /**
     * Process exit (every mapping unmapped, every fd closed), then remove and unload: what is left
     * is a leak. After a hang or an oops it leaves the machine as the dead task left it (in the
     * kernel that task still holds its locks; here it may have left a probe half done).
     */
    void quiesce();
}
