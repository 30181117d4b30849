package dev.unbind.subjects.uio;

import dev.unbind.engine.lincheck.ConfiguredEnumGen;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/** Draws the fd operations of random scenarios from those the {@code @Param} configuration lists. */
public final class FdOpGen extends ConfiguredEnumGen<FdOp> {
    public FdOpGen(RandomProvider random, String configuration) {
        super(FdOp.class, random, configuration);
    }
}
