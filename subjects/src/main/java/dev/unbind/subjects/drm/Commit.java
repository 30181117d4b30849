package dev.unbind.subjects.drm;

import dev.unbind.kernel.Cell;
import dev.unbind.kernel.Completion;
import dev.unbind.kernel.Kernel;

/**
 * struct drm_atomic_state with its struct drm_crtc_commit: the state holds a drm_dev_get
 * "because drm_atomic_state can be committed asynchronously"; the commit carries the
 * hw_done / flip_done / cleanup_done completions later commits wait for. The crtc_commit is
 * refcounted on its own (drm_crtc_commit_get by every later commit), so it outlives the state:
 * its completions do not live in the state's memory.
 */
final class Commit {
    final Cell state;
    final boolean disable;
    final Completion hwDone;
    final Completion flipDone;
    final Completion cleanupDone;
    /** The commit before this one on the CRTC, whose completions this one depends on. */
    final Commit previous;

    Commit(Kernel k, Cell state, boolean disable, Commit previous) {
        this.state = state;
        this.disable = disable;
        this.previous = previous;
        this.hwDone = new Completion(k, "hw_done", null);
        this.flipDone = new Completion(k, "flip_done", null);
        this.cleanupDone = new Completion(k, "cleanup_done", null);
    }
}
