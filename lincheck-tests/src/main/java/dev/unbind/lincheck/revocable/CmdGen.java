package dev.unbind.lincheck.revocable;

import dev.unbind.lincheck.ConfiguredEnumGen;
import dev.unbind.subjects.revocable.Revocable;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/** Draws the cros_ec ioctl commands of random scenarios from those the {@code @Param} configuration lists. */
public final class CmdGen extends ConfiguredEnumGen<Revocable.Cmd> {
    public CmdGen(RandomProvider random, String configuration) {
        super(Revocable.Cmd.class, random, configuration);
    }
}
