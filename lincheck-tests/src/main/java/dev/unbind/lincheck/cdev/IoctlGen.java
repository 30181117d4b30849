package dev.unbind.lincheck.cdev;

import dev.unbind.subjects.cdev.Chardev;
import org.jetbrains.lincheck.datastructures.EnumGen;
import org.jetbrains.lincheck.datastructures.ParameterGenerator;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Draws the daq ioctls of random scenarios from the ones listed in the {@code @Param}
 * configuration ({@code GET_STATUS,SET_FLAGS}): Lincheck's {@link EnumGen} behind a non-generic
 * class, which a Java annotation can name.
 */
public final class IoctlGen implements ParameterGenerator<Chardev.Ioctl> {
    private final EnumGen<Chardev.Ioctl> gen;

    public IoctlGen(RandomProvider random, String configuration) {
        this.gen = new EnumGen<>(Chardev.Ioctl.class, random, configuration);
    }

    @Override
    public Chardev.Ioctl generate() {
        return gen.generate();
    }

    @Override
    public void reset() {
        gen.reset();
    }
}
