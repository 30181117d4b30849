package dev.unbind.subjects.revocable;

import dev.unbind.engine.lincheck.ConfiguredEnumGen;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/** Draws the cros_ec ioctl commands of random scenarios from those the {@code @Param} configuration lists. */
public final class CmdGen extends ConfiguredEnumGen<Revocable.Cmd> {
    public CmdGen(RandomProvider random, String configuration) {
        super(Revocable.Cmd.class, random, configuration);
    }
}
