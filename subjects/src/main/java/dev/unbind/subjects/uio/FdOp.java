package dev.unbind.subjects.uio;

/** What tcmu-runner does with its fd and its ring mapping, one call at a time. */
public enum FdOp {
    /** write(fd, &amp;one, 4): irqcontrol, which reaps completions from the ring. */
    WRITE,
    /** poll(fd): an event pending, nothing, or EPOLLERR once the device is gone. */
    POLL,
    /** A fault on the ring mapping (tcmu's own vm_ops). */
    TOUCH,
    /** read(fd, &amp;count, 4): sleeps until an event or until the device is gone. */
    READ
}
