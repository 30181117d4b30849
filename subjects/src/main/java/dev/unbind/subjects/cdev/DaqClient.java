package dev.unbind.subjects.cdev;

import dev.unbind.kernel.Cell;

/** struct daq_client: what daq_open allocates for one file (file->private_data). */
record DaqClient(Cell mem, DaqDevice dev, boolean exclusive) {
}
