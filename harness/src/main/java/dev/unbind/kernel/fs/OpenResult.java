package dev.unbind.kernel.fs;

/** The outcome of open(2): a file, or a negative errno and no file. */
public record OpenResult(File file, int rc) {
    public static OpenResult ok(File f) {
        return new OpenResult(f, 0);
    }

    public static OpenResult error(int rc) {
        return new OpenResult(null, rc);
    }

    public boolean ok() {
        return file != null;
    }
}
