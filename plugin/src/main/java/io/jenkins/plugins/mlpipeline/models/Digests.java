package io.jenkins.plugins.mlpipeline.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies a stream while computing its SHA-256 (the registry's checksum) and MD5 (the key of Jenkins fingerprints),
 * so the bytes are read once.
 *
 * @param sha256 64 lowercase hex digits
 * @param md5    32 lowercase hex digits
 */
record Digests(long size, String sha256, String md5) {

    static Digests copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha = digest("SHA-256");
        MessageDigest md5 = digest("MD5");
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
            md5.update(buffer, 0, n);
            out.write(buffer, 0, n);
            size += n;
        }
        return new Digests(size, HexFormat.of().formatHex(sha.digest()), HexFormat.of().formatHex(md5.digest()));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
