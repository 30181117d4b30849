package dev.unbind.lincheck.revocable;

import dev.unbind.subjects.revocable.Revocable;
import org.jetbrains.lincheck.datastructures.EnumGen;
import org.jetbrains.lincheck.datastructures.ParameterGenerator;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Draws the cros_ec ioctl commands of random scenarios from the ones listed in the {@code @Param}
 * configuration ({@code XCMD,RDMEM}): Lincheck's {@link EnumGen} behind a non-generic class,
 * which a Java annotation can name.
 */
public final class CmdGen implements ParameterGenerator<Revocable.Cmd> {
    private final EnumGen<Revocable.Cmd> gen;

    public CmdGen(RandomProvider random, String configuration) {
        this.gen = new EnumGen<>(Revocable.Cmd.class, random, configuration);
    }

    @Override
    public Revocable.Cmd generate() {
        return gen.generate();
    }

    @Override
    public void reset() {
        gen.reset();
    }
}
