package dev.unbind.lincheck.uio;

import org.jetbrains.lincheck.datastructures.EnumGen;
import org.jetbrains.lincheck.datastructures.ParameterGenerator;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Draws the fd operations of random scenarios from the ones listed in the {@code @Param}
 * configuration ({@code WRITE,POLL,TOUCH}): Lincheck's {@link EnumGen} behind a non-generic
 * class, which a Java annotation can name.
 */
public final class FdOpGen implements ParameterGenerator<FdOp> {
    private final EnumGen<FdOp> gen;

    public FdOpGen(RandomProvider random, String configuration) {
        this.gen = new EnumGen<>(FdOp.class, random, configuration);
    }

    @Override
    public FdOp generate() {
        return gen.generate();
    }

    @Override
    public void reset() {
        gen.reset();
    }
}
