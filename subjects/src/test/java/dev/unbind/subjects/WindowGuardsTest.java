package dev.unbind.subjects;

import dev.unbind.kernel.Point;
import dev.unbind.subject.Family;
import dev.unbind.subject.Subjects;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every race window of every family names the objects it guards, so that the stress engine counts
 * as the window's violations only findings on those objects (an undeclared window would count any).
 */
class WindowGuardsTest {
    @Test
    void everyRaceWindow_namesTheObjectsItGuards() {
        List<String> undeclared = new ArrayList<>();
        for (Family<?> f : Subjects.load().families()) {
            for (Point p : f.points()) {
                if (p.type() == Point.Type.WINDOW && p.guarded().isEmpty()) {
                    undeclared.add(f.id() + ": " + p.name());
                }
            }
        }
        assertEquals(List.of(), undeclared, "declare them with Point.window(...).guarding(\"type|type\")");
    }
}
