package dev.unbind.subjects.misc;

import org.jetbrains.lincheck.datastructures.ParameterGenerator;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * The kind of read of random scenarios: the {@link MiscFacade.Read} named by the {@code @Param}
 * configuration ({@code VERSION}). An EVENT read sleeps, so it is left to hand-written scenarios.
 * The parameter is the name, not the enum: Lincheck 3.7 draws an enum parameter with its own
 * {@code EnumGen}, which indexes past the end of a one-value list.
 */
public final class ReadGen implements ParameterGenerator<String> {
    private final String only;

    public ReadGen(RandomProvider random, String configuration) {
        this.only = MiscFacade.Read.valueOf(configuration.trim()).name();
    }

    @Override
    public String generate() {
        return only;
    }

    @Override
    public void reset() {
    }
}
