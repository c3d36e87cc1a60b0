package hudson.model;

import java.io.IOException;

/**
 * Jenkins' store of {@link Fingerprint}s, keyed by MD5 checksum.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/FingerprintMap.java (public final class extends
 * hudson.util.KeyedDataStorage&lt;Fingerprint, FingerprintMap.FingerprintParams&gt;; public Fingerprint
 * getOrCreate(Run build, String fileName, String md5sum) throws IOException, declared in FingerprintMap itself, next to
 * overloads taking AbstractBuild (so a null build must be cast to Run) and byte[]; an md5sum that is not 32 characters
 * gives null). KeyedDataStorage is not declared here: this class extends Object, which only matters to code that
 * would treat the map as a KeyedDataStorage.
 *
 * <p>Only Jenkins has the store ({@code Jenkins.getFingerprintMap()}), so the constructor is private and
 * getOrCreate throws.
 */
public final class FingerprintMap {

    private FingerprintMap() {
    }

    public Fingerprint getOrCreate(Run build, String fileName, String md5sum) throws IOException {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
