package dev.unbind.lincheck.media;

import dev.unbind.subjects.media.Media;
import org.jetbrains.lincheck.datastructures.EnumGen;
import org.jetbrains.lincheck.datastructures.ParameterGenerator;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Draws the MEDIA_IOC commands of random scenarios from the ones listed in the {@code @Param}
 * configuration: Lincheck's {@link EnumGen} behind a non-generic class, which a Java annotation
 * can name.
 */
public final class MediaIoctlGen implements ParameterGenerator<Media.Ioctl> {
    private final EnumGen<Media.Ioctl> gen;

    public MediaIoctlGen(RandomProvider random, String configuration) {
        this.gen = new EnumGen<>(Media.Ioctl.class, random, configuration);
    }

    @Override
    public Media.Ioctl generate() {
        return gen.generate();
    }

    @Override
    public void reset() {
        gen.reset();
    }
}
