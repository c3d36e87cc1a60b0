package io.jenkins.plugins.mlpipeline.models;

import java.io.IOException;

/** Sets and clears Jenkins' "keep this build forever" on builds named by externalizable id ({@code job#number}). */
public interface BuildKeeper {

    /**
     * Keeps the build.
     *
     * @return true if this call set it, false if the build was already kept (by someone else) or is gone
     */
    boolean keep(String buildId) throws IOException, InterruptedException;

    /** Stops keeping the build; a build that is gone is ignored. */
    void release(String buildId) throws IOException, InterruptedException;
}
