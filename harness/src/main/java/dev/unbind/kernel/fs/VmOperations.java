package dev.unbind.kernel.fs;

import dev.unbind.kernel.Module;

/**
 * struct vm_operations_struct: open (VMA duplicated by fork or split), close (VMA gone), fault.
 * Owned by the module whose code the pointers point into.
 */
public final class VmOperations {
    /** Called on a VMA copy. */
    @FunctionalInterface
    public interface VmOpen {
        void open(Vma vma);
    }

    /** Called when a VMA goes away. */
    @FunctionalInterface
    public interface VmClose {
        void close(Vma vma);
    }

    /** Fault handler: 0 when the page was installed, or a VM_FAULT_* code. */
    @FunctionalInterface
    public interface Fault {
        int fault(Vma vma, long pgoff);
    }

    public final String name;
    public final Module owner;
    public VmOpen open;
    public VmClose close;
    public Fault fault;

    public VmOperations(String name, Module owner) {
        this.name = name;
        this.owner = owner;
    }

    @Override
    public String toString() {
        return name;
    }
}
