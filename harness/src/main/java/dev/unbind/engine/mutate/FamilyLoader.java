package dev.unbind.engine.mutate;

import dev.unbind.subject.Family;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Loads a family's package again, child-first, in a class loader of its own: every class of the
 * package is defined anew (so package-private access still works), each passed through a rewrite
 * (a mutant, coverage probes, or nothing); everything outside the package — the simulated kernel,
 * the harness, the JDK — comes from the parent and is shared. Static state of the family's
 * classes is therefore fresh in every loader, and the kernel code the engines run is the one
 * already loaded and compiled.
 */
final class FamilyLoader extends ClassLoader {
    private final String prefix;
    private final Sources sources;
    private final BiFunction<String, byte[], byte[]> rewrite;

    private FamilyLoader(ClassLoader parent, String packageName, Sources sources,
                         BiFunction<String, byte[], byte[]> rewrite) {
        super("unbind-" + packageName.substring(packageName.lastIndexOf('.') + 1), parent);
        this.prefix = packageName + ".";
        this.sources = sources;
        this.rewrite = rewrite;
    }

    /** The original class files of one family's package, read from its class loader once. */
    static final class Sources {
        private final ClassLoader original;
        private final String packageName;
        private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

        Sources(Family<?> family) {
            this.original = family.getClass().getClassLoader();
            this.packageName = family.getClass().getPackageName();
        }

        ClassLoader original() {
            return original;
        }

        String packageName() {
            return packageName;
        }

        /** The class file of a class of the package, by binary name. */
        byte[] bytes(String binaryName) {
            return cache.computeIfAbsent(binaryName, n -> {
                try (InputStream in = original.getResourceAsStream(n.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new IllegalStateException("no class file for " + n);
                    }
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * A fresh instance of {@code family}'s class loaded by a new loader whose classes pass through
     * {@code rewrite} (binary name, original class file) -> class file to define.
     */
    static Family<?> load(Family<?> family, Sources sources, BiFunction<String, byte[], byte[]> rewrite) {
        FamilyLoader loader = new FamilyLoader(sources.original(), sources.packageName(), sources, rewrite);
        try {
            Class<?> c = Class.forName(family.getClass().getName(), true, loader);
            return (Family<?>) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot load " + family.getClass().getName() + " again: " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("loading " + family.getClass().getName() + " again failed: " + e.getCause(),
                    e.getCause());
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(prefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] b = rewrite.apply(name, sources.bytes(name));
                c = defineClass(name, b, 0, b.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
