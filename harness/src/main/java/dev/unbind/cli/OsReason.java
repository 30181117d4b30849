package dev.unbind.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/** Why the operating system refused a file operation, in words ({@code permission denied on /x}), not an exception class. */
final class OsReason {
    private OsReason() {
    }

    static String of(Throwable t) {
        Throwable e = t instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : t;
        if (e instanceof FileSystemException f) {
            String what = f.getFile() == null ? "" : " (" + f.getFile() + ")";
            String reason = f.getReason();
            if (reason != null && !reason.isBlank()) {
                return reason.toLowerCase(java.util.Locale.ROOT) + what;
            }
            if (f instanceof AccessDeniedException) {
                return "permission denied" + what;
            }
            if (f instanceof FileAlreadyExistsException) {
                return "a file is in the way, not a directory" + what;
            }
            if (f instanceof NoSuchFileException) {
                return "no such file or directory" + what;
            }
            if (f instanceof NotDirectoryException) {
                return "not a directory" + what;
            }
            if (f instanceof DirectoryNotEmptyException) {
                return "directory not empty" + what;
            }
        }
        if (e instanceof ReadOnlyFileSystemException) {
            return "read-only file system";
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        return String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
