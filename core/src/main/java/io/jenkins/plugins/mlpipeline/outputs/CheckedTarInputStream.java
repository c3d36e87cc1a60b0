package io.jenkins.plugins.mlpipeline.outputs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar reader that knows whether the archive ended with its end-of-archive marker (a record of zeros). The plain
 * reader treats a stream that simply stops at an entry boundary, or in the middle of a header, like a proper end, so
 * a sidecar killed halfway would look like a complete, smaller output.
 */
final class CheckedTarInputStream extends TarArchiveInputStream {

    /** Null until the reader met the end; then whether that end was a real marker. */
    private Boolean endMarkerSeen;

    CheckedTarInputStream(InputStream in) {
        // Names are UTF-8 whatever the controller's locale: that is what tar in a Linux container writes.
        super(in, StandardCharsets.UTF_8.name());
    }

    /** The reader calls this with null when the stream ended before a whole record. */
    @Override
    protected boolean isEOFRecord(byte[] record) {
        boolean end = super.isEOFRecord(record);
        if (end && endMarkerSeen == null) {
            endMarkerSeen = record != null;
        }
        return end;
    }

    boolean endMarkerSeen() {
        return Boolean.TRUE.equals(endMarkerSeen);
    }
}
