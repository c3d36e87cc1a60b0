package io.jenkins.plugins.mlpipeline.outputs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * A small tar archive built in memory, entry names exactly as given (absolute ones too). Each entry without a PAX
 * header takes one 512-byte header plus its data rounded up to 512 bytes, so tests can compute offsets.
 */
final class TestArchive {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    TestArchive() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    TestArchive dir(String name) {
        return add(new TarArchiveEntry(name, TarConstants.LF_DIR, true), new byte[0]);
    }

    TestArchive file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TestArchive file(String name, byte[] content) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setSize(content.length);
        return add(entry, content);
    }

    /**
     * A PAX extended header entry holding one record, written as is, so that it can carry what commons-compress would
     * never write (a NUL in a path, a giant value); it applies to the next entry.
     */
    TestArchive paxHeader(String key, String value) {
        byte[] record = paxRecord(key, value);
        TarArchiveEntry entry = new TarArchiveEntry("./PaxHeaders/next", TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
        entry.setSize(record.length);
        return add(entry, record);
    }

    /** "length key=value\n", the length counting itself. */
    private static byte[] paxRecord(String key, String value) {
        byte[] body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
        int length = body.length + 1;
        while (String.valueOf(length).length() + body.length != length) {
            length++;
        }
        byte[] prefix = String.valueOf(length).getBytes(StandardCharsets.US_ASCII);
        byte[] record = new byte[length];
        System.arraycopy(prefix, 0, record, 0, prefix.length);
        System.arraycopy(body, 0, record, prefix.length, body.length);
        return record;
    }

    /**
     * Rewrites one header of a finished archive and fixes its checksum, to make headers commons-compress refuses to
     * write (a directory with data, say).
     */
    static void patchHeader(byte[] archive, int headerOffset, java.util.function.Consumer<byte[]> change) {
        byte[] header = Arrays.copyOfRange(archive, headerOffset, headerOffset + 512);
        change.accept(header);
        Arrays.fill(header, 148, 156, (byte) ' ');
        TarUtils.formatCheckSumOctalBytes(TarUtils.computeCheckSum(header), header, 148, 8);
        System.arraycopy(header, 0, archive, headerOffset, 512);
    }

    TestArchive symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    TestArchive hardLink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    /** An entry of any type flag, without data (devices, FIFOs, exotic types). */
    TestArchive special(String name, byte type) {
        return add(new TarArchiveEntry(name, type, true), new byte[0]);
    }

    /** The complete archive, end-of-archive marker and padding included. */
    byte[] bytes() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }

    private TestArchive add(TarArchiveEntry entry, byte[] content) {
        // Whole seconds: a fractional time would make commons-compress add a PAX header before every entry.
        entry.setModTime(FileTime.fromMillis(1_700_000_000_000L));
        try {
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
