package dev.unbind.subject;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scenario pinned as a Lincheck scenario over the family's Lincheck facade: calls of its
 * {@code @Operation} methods, by name, before the threads start, on each thread, and after they
 * end. Lincheck checks it on every variant by model checking (seeded, pinned sizes): a fixed
 * variant must pass; a defective one must fail naming a catalogued fault-free defect of the
 * variant in this scenario, or pass when the catalogue lists none there.
 *
 * <p>Model checking stops at the first failing interleaving, and a defect of the variant in
 * another race can show there first (every run ends with the process exiting after remove);
 * {@link #expecting} then states, per variant, the defect the check finds instead, with the
 * reason in a comment where it is declared.
 *
 * @param initial   calls made before the threads start, on one thread
 * @param threads   the concurrent part: one list of calls per thread
 * @param post      calls made after every thread finished
 * <p>A variant on which the pinned scenario cannot say anything (it needs an actor Lincheck's
 * scenario does not have, a killer for instance) is left out with {@link #skipping}, and the reason.
 *
 * @param expecting variant id to the catalogued defect id its check must find instead
 * @param skipping  variant id to the reason it has no check of this scenario
 * @param facade    a subclass of the family's facade with operations only this scenario may call
 *                  (an operation that sleeps until remove wakes it), or null for the family's facade
 */
public record LincheckRace(List<Call> initial, List<List<Call>> threads, List<Call> post,
                           Map<String, String> expecting, Map<String, String> skipping, Class<?> facade) {
    public LincheckRace {
        initial = List.copyOf(initial);
        threads = threads.stream().map(List::copyOf).toList();
        post = List.copyOf(post);
        expecting = Map.copyOf(expecting);
        skipping = Map.copyOf(skipping);
        if (threads.isEmpty()) {
            throw new IllegalArgumentException("a Lincheck scenario needs a parallel part");
        }
    }

    /** One call of a facade operation: its method name and arguments. */
    public record Call(String method, List<Object> args) {
        public Call {
            Objects.requireNonNull(method);
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return method + args.toString().replace('[', '(').replace(']', ')');
        }
    }

    public static Call op(String method, Object... args) {
        return new Call(method, Arrays.asList(args));
    }

    /** The concurrent part, one list of calls per thread. */
    @SafeVarargs
    public static LincheckRace parallel(List<Call>... threads) {
        return new LincheckRace(List.of(), List.of(threads), List.of(), Map.of(), Map.of(), null);
    }

    /** The same, with {@code calls} made first, before the threads start. */
    public LincheckRace initially(Call... calls) {
        return new LincheckRace(List.of(calls), threads, post, expecting, skipping, facade);
    }

    /** The same, with {@code calls} made after the threads end. */
    public LincheckRace afterwards(Call... calls) {
        return new LincheckRace(initial, threads, List.of(calls), expecting, skipping, facade);
    }

    /** The same, with {@code variant}'s check expected to find {@code defect} (say why where you call it). */
    public LincheckRace expecting(String variant, String defect) {
        Map<String, String> e = new LinkedHashMap<>(expecting);
        e.put(variant, defect);
        return new LincheckRace(initial, threads, post, e, skipping, facade);
    }

    /** The same, on {@code subclass} of the family's facade. */
    public LincheckRace onFacade(Class<?> subclass) {
        return new LincheckRace(initial, threads, post, expecting, skipping, subclass);
    }

    /** The same, with no check on {@code variant}, because {@code why}. */
    public LincheckRace skipping(String variant, String why) {
        Map<String, String> e = new LinkedHashMap<>(skipping);
        e.put(variant, why);
        return new LincheckRace(initial, threads, post, expecting, e, facade);
    }
}
