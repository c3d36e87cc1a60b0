package hudson.model;

import java.io.IOException;
import java.util.Collection;
import jenkins.model.FingerprintFacet;

/**
 * The record Jenkins keeps of one file's MD5 checksum: which builds produced and used it, plus facets.
 *
 * <p>Checked against: jenkinsci/jenkins:core/src/main/java/hudson/model/Fingerprint.java (public class, not final, implements ModelObject
 * and Saveable; String getDisplayName(); void addFor(Run) throws IOException; synchronized void save() throws
 * IOException; String getHashString(); String getFileName(); Collection&lt;FingerprintFacet&gt; getFacets(), a live
 * view whose add(facet) adds a persisted facet: there is no add(FingerprintFacet) on Fingerprint itself; none
 * static or final). hudson.model.Saveable is not declared here, so this class implements ModelObject only.
 *
 * <p>Fingerprints are made and stored only by Jenkins (FingerprintMap.getOrCreate), so the constructor is private
 * and every member throws.
 */
public class Fingerprint implements ModelObject {

    private Fingerprint() {
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getFileName() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getHashString() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public void addFor(Run b) throws IOException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public Collection<FingerprintFacet> getFacets() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
