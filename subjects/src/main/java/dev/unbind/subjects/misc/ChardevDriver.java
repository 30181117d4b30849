package dev.unbind.subjects.misc;

import dev.unbind.kernel.IdentitySlots;
import dev.unbind.kernel.Kernel;
import dev.unbind.kernel.Module;
import dev.unbind.kernel.device.Device;
import dev.unbind.kernel.device.Driver;
import dev.unbind.kernel.fs.FileOperations;

import java.util.function.Function;

/**
 * What every cros_ec_chardev driver of this family is to the machine: a platform driver in the
 * {@code cros_ec_chardev} module whose fops table the module owns, bound to the MFD child that
 * its EC's parent adds. The two drivers ({@link CrosEcChardev} as mainline has it,
 * {@link RelayChardev} reworked for a fenced misc) extend it.
 */
abstract class ChardevDriver {
    final Kernel k;
    /** The variant's misc.c. */
    final MiscCore core;
    final Module owner;
    /** chardev_fops: static, in the module's rodata. */
    final FileOperations fops;
    /** dev_get_drvdata(pdev->dev.parent): the EC the parent bound. */
    private final Function<Device, EcDevice> parentData;
    /** dev_set_drvdata of each bound chardev device. */
    private final IdentitySlots<Device, Object> drvdata = new IdentitySlots<>();

    ChardevDriver(Kernel k, MiscCore core, Module owner, Function<Device, EcDevice> parentData) {
        this.k = k;
        this.core = core;
        this.owner = owner;
        this.parentData = parentData;
        this.fops = new FileOperations("cros_ec_chardev_fops", owner);
    }

    /** The platform driver registered by module_init. */
    Driver platformDriver() {
        return new Driver("cros-ec-chardev", owner, pdev -> probe(pdev, parentData.apply(pdev.parent())), this::remove);
    }

    abstract int probe(Device pdev, EcDevice ec);

    abstract void remove(Device pdev);

    void drvdata(Device pdev, Object data) {
        drvdata.put(pdev, data);
    }

    @SuppressWarnings("unchecked")
    <T> T drvdata(Device pdev) {
        return (T) drvdata.get(pdev);
    }
}
