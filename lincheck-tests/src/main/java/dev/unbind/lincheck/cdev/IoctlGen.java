package dev.unbind.lincheck.cdev;

import dev.unbind.lincheck.ConfiguredEnumGen;
import dev.unbind.subjects.cdev.Chardev;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/** Draws the daq ioctls of random scenarios from those the {@code @Param} configuration lists. */
public final class IoctlGen extends ConfiguredEnumGen<Chardev.Ioctl> {
    public IoctlGen(RandomProvider random, String configuration) {
        super(Chardev.Ioctl.class, random, configuration);
    }
}
