package io.jenkins.plugins.mlpipeline.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The files of a build's workspace, which may be on an agent. Paths are relative to the workspace and
 * {@code /}-separated.
 */
public interface Workspace {

    /** Files (not directories) matching an Ant glob such as {@code out/**}{@code /*.pt}, sorted. */
    List<String> glob(String antGlob) throws IOException, InterruptedException;

    InputStream read(String path) throws IOException, InterruptedException;

    /** Creates or replaces the file, creating missing parent directories. */
    OutputStream write(String path) throws IOException, InterruptedException;

    /** Deletes the file if it exists. */
    void delete(String path) throws IOException, InterruptedException;
}
