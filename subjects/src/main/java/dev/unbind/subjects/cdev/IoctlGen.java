package dev.unbind.subjects.cdev;

import dev.unbind.engine.lincheck.ConfiguredEnumGen;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/** Draws the daq ioctls of random scenarios from those the {@code @Param} configuration lists. */
public final class IoctlGen extends ConfiguredEnumGen<Chardev.Ioctl> {
    public IoctlGen(RandomProvider random, String configuration) {
        super(Chardev.Ioctl.class, random, configuration);
    }
}
