package io.cryptogo.store.jdbc;

import io.cryptogo.error.CryptoGoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the embedded H2 database private to its owner: the folder is created {@code rwx------} (and the
 * default {@code ~/.cryptogo} is tightened to it), and the database's files ({@code cryptogo.mv.db}, the lock
 * and trace files) are {@code rw-------}. On file systems without POSIX permissions nothing is changed.
 */
final class EmbeddedFiles {
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private EmbeddedFiles() {}

    /** Creates {@code dir} owner-only when missing; tightens it when it is CryptoGo's own default folder. */
    static void prepare(Path dir, boolean ownFolder) {
        boolean posix = Files.getFileAttributeView(
                        dir.getRoot() == null ? Path.of("/") : dir.getRoot(), PosixFileAttributeView.class)
                != null;
        try {
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
                    // createDirectories applies the umask: set the bits exactly
                    Files.setPosixFilePermissions(dir, DIR);
                } else {
                    Files.createDirectories(dir);
                }
            } else if (posix && ownFolder) {
                Files.setPosixFilePermissions(dir, DIR);
            }
            if (posix) {
                // an empty file H2 fills in, created owner-only so the data is never readable by others
                Path db = dir.resolve(Database.EMBEDDED_NAME + ".mv.db");
                if (!Files.exists(db)) {
                    Files.createFile(db, PosixFilePermissions.asFileAttribute(FILE));
                }
            }
        } catch (IOException e) {
            throw new CryptoGoException("cannot prepare the embedded database folder " + dir + ": " + e, e);
        }
        ownerOnly(dir);
    }

    /** Sets {@code rw-------} on every file of the embedded database in {@code dir}. */
    static void ownerOnly(Path dir) {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(Database.EMBEDDED_NAME + ".") && Files.isRegularFile(f)) {
                    Files.setPosixFilePermissions(f, FILE);
                }
            }
        } catch (IOException e) {
            throw new CryptoGoException("cannot make the embedded database in " + dir + " private: " + e, e);
        }
    }
}
