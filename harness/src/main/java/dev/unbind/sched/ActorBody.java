package dev.unbind.sched;

import dev.unbind.kernel.Actor;
import dev.unbind.kernel.HangAbort;
import dev.unbind.kernel.Oops;

/**
 * Runs an actor's body on the calling thread with the actor bound, whatever the scheduler (public
 * for the stress engine's reused threads).
 */
public final class ActorBody {
    private ActorBody() {
    }

    public static void run(Actor actor, Runnable body) {
        Actor previous = actor.bind();
        try {
            body.run();
        } catch (HangAbort | Oops expected) {
            // the run was found hung, or the actor oopsed: its operation ends here
        } catch (Throwable t) {
            actor.kernel().error(actor, t);
        } finally {
            actor.finish();
            Actor.restore(previous);
        }
    }
}
