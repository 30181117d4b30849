package dev.unbind.engine.lincheck;

import org.jetbrains.lincheck.datastructures.EnumGen;
import org.jetbrains.lincheck.datastructures.ParameterGenerator;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Draws an enum parameter of random scenarios from the constants listed in the {@code @Param}
 * configuration ({@code GET_PARAM,DETECT}): Lincheck's {@link EnumGen}, behind a class a Java
 * annotation can name. Each enum gets a one-constructor subclass, because an annotation cannot
 * name a generic class.
 */
public abstract class ConfiguredEnumGen<E extends Enum<E>> implements ParameterGenerator<E> {
    private final EnumGen<E> gen;

    protected ConfiguredEnumGen(Class<E> type, RandomProvider random, String configuration) {
        this.gen = new EnumGen<>(type, random, configuration);
    }

    @Override
    public E generate() {
        return gen.generate();
    }

    @Override
    public void reset() {
        gen.reset();
    }
}
