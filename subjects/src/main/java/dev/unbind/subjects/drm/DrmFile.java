package dev.unbind.subjects.drm;

import dev.unbind.kernel.Cell;

/** struct drm_file: per open, holds a drm_dev_get for its whole life (through its minor). */
record DrmFile(Cell mem, DrmDevice dev) {
}
