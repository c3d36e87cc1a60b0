package io.jenkins.plugins.mlpipeline.testkit.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The files of one pod on the host: a temporary directory per {@code emptyDir} volume, mounted (with its
 * {@code subPath}) where the containers' {@code volumeMounts} say, and a private directory per container for every
 * other path (created on first write). Volumes of other kinds are not emulated: paths under their mounts belong to
 * the container's own filesystem. Nothing touches the disk for a pod without emptyDir volumes or file writes.
 *
 * <p>Thread-safe: the kubelet writes on the simulation loop, exec sessions read from their own threads.
 */
final class PodFilesystem {

    private static final Logger LOG = Logger.getLogger(PodFilesystem.class.getName());

    /** A volumeMount, its path normalised. */
    private record Mount(String path, String volume, String subPath, boolean readOnly) {
        boolean covers(String containerPath) {
            return path.equals("/") || containerPath.equals(path) || containerPath.startsWith(path + "/");
        }

        String remainder(String containerPath) {
            return path.equals("/") ? containerPath.substring(1)
                    : containerPath.substring(Math.min(containerPath.length(), path.length() + 1));
        }
    }

    private final String podName;
    private final Set<String> emptyDirVolumes = new HashSet<>();
    private final Map<String, List<Mount>> mountsByContainer = new HashMap<>();
    private final Map<String, Path> volumeDirs = new ConcurrentHashMap<>();
    private final Map<String, Path> privateRoots = new ConcurrentHashMap<>();
    private Path podDir;
    private volatile boolean deleted;

    PodFilesystem(Pod pod) {
        this.podName = pod.getMetadata().getName();
        if (pod.getSpec().getVolumes() != null) {
            for (Volume volume : pod.getSpec().getVolumes()) {
                if (volume.getEmptyDir() != null) {
                    emptyDirVolumes.add(volume.getName());
                }
            }
        }
        List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
        for (Container container : containers) {
            List<Mount> mounts = new ArrayList<>();
            if (container.getVolumeMounts() != null) {
                for (VolumeMount mount : container.getVolumeMounts()) {
                    // Admission refuses subPaths with '..'; normalising keeps a stored oddity inside the volume anyway.
                    String subPath = mount.getSubPath() == null ? "" : normalize(mount.getSubPath()).substring(1);
                    mounts.add(new Mount(normalize(mount.getMountPath()), mount.getName(), subPath,
                            Boolean.TRUE.equals(mount.getReadOnly())));
                }
            }
            // The most specific mount wins, as nested mounts shadow their parents.
            mounts.sort(Comparator.comparingInt((Mount m) -> m.path().length()).reversed());
            mountsByContainer.put(container.getName(), List.copyOf(mounts));
        }
    }

    /** Creates the emptyDir directories (and subPath directories) before any container starts. */
    synchronized void prepare() throws IOException {
        if (emptyDirVolumes.isEmpty()) {
            return;
        }
        Path volumes = podDir().resolve("volumes");
        for (String volume : emptyDirVolumes) {
            volumeDirs.put(volume, Files.createDirectories(volumes.resolve(volume)));
        }
        for (List<Mount> mounts : mountsByContainer.values()) {
            for (Mount mount : mounts) {
                if (!mount.subPath().isEmpty() && volumeDirs.containsKey(mount.volume())) {
                    Files.createDirectories(volumeDirs.get(mount.volume()).resolve(mount.subPath()));
                }
            }
        }
    }

    Optional<Path> volumeDir(String volume) {
        return deleted ? Optional.empty() : Optional.ofNullable(volumeDirs.get(volume));
    }

    /** Mount path to host directory of the container's emptyDir mounts, most specific first. */
    Map<String, Path> emptyDirMounts(String container) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (Mount mount : mountsByContainer.getOrDefault(container, List.of())) {
            Path dir = volumeDirs.get(mount.volume());
            if (dir != null) {
                mounts.put(mount.path(), mount.subPath().isEmpty() ? dir : dir.resolve(mount.subPath()));
            }
        }
        return mounts;
    }

    /**
     * Where a container path is on the host, for reading; {@code null} when nothing can be there (the container never
     * wrote outside its volumes, or the pod is gone).
     */
    Path resolve(String container, String containerPath) {
        if (deleted) {
            return null;
        }
        String path = normalize(containerPath);
        Mount mount = mountOf(container, path);
        if (mount != null) {
            return volumePath(mount, path);
        }
        Path root = privateRoots.get(container);
        return root == null ? null : root.resolve(path.substring(1));
    }

    /** Where a container path is on the host, for writing: creates the container's private directory if needed. */
    Path resolveForWrite(String container, String containerPath) throws IOException {
        if (deleted) {
            throw new IOException("the pod's files have been removed");
        }
        String path = normalize(containerPath);
        Mount mount = mountOf(container, path);
        if (mount != null) {
            if (mount.readOnly()) {
                throw new IOException("Read-only file system");
            }
            return volumePath(mount, path);
        }
        return privateRoot(container).resolve(path.substring(1));
    }

    /** Removes everything of this pod from the host; later calls do nothing. */
    synchronized void delete() {
        deleted = true;
        if (podDir == null) {
            return;
        }
        Path dir = podDir;
        podDir = null;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "could not delete the files of pod " + podName + " in " + dir, e);
        }
    }

    private Mount mountOf(String container, String path) {
        for (Mount mount : mountsByContainer.getOrDefault(container, List.of())) {
            if (mount.covers(path)) {
                // A mount of a volume kind that is not emulated leaves the path to the container's own filesystem.
                return volumeDirs.containsKey(mount.volume()) ? mount : null;
            }
        }
        return null;
    }

    private Path volumePath(Mount mount, String path) {
        Path base = volumeDirs.get(mount.volume());
        if (!mount.subPath().isEmpty()) {
            base = base.resolve(mount.subPath());
        }
        String rest = mount.remainder(path);
        return rest.isEmpty() ? base : base.resolve(rest);
    }

    private synchronized Path privateRoot(String container) throws IOException {
        Path root = privateRoots.get(container);
        if (root == null) {
            root = Files.createDirectories(podDir().resolve("containers").resolve(container));
            privateRoots.put(container, root);
        }
        return root;
    }

    private synchronized Path podDir() throws IOException {
        if (deleted) {
            throw new IOException("the pod's files have been removed");
        }
        if (podDir == null) {
            podDir = Files.createTempDirectory("cluster-emulator-" + podName + "-");
        }
        return podDir;
    }

    /** An absolute container path without {@code .}, {@code ..} or repeated slashes; relative paths start at /. */
    static String normalize(String containerPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : containerPath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
            } else {
                segments.add(segment);
            }
        }
        return "/" + String.join("/", segments);
    }
}
