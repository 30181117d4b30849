package dev.unbind.lincheck.drm;

import dev.unbind.subjects.drm.Drm;
import org.jetbrains.lincheck.datastructures.EnumGen;
import org.jetbrains.lincheck.datastructures.ParameterGenerator;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Draws the ioctl commands of random scenarios from the ones listed in the {@code @Param}
 * configuration ({@code GET_PARAM,DETECT}): Lincheck's {@link EnumGen} behind a non-generic
 * class, which a Java annotation can name.
 */
public final class IoctlGen implements ParameterGenerator<Drm.Ioctl> {
    private final EnumGen<Drm.Ioctl> gen;

    public IoctlGen(RandomProvider random, String configuration) {
        this.gen = new EnumGen<>(Drm.Ioctl.class, random, configuration);
    }

    @Override
    public Drm.Ioctl generate() {
        return gen.generate();
    }

    @Override
    public void reset() {
        gen.reset();
    }
}
