package io.jenkins.plugins.mlpipeline.testkit.sim;

import java.nio.file.Path;
import java.util.Map;

/**
 * Points a local process at the host directories of its container's emptyDir mounts. A value is rewritten when it
 * is a mount path or lies under one ({@code /ml/outputs}, {@code /ml/outputs/model.bin}), or when the part after
 * its first {@code =} does ({@code --output_dir=/ml/outputs}, {@code OUT=/ml/outputs/x}); the mount path prefix is
 * replaced by the host directory. Nothing else is touched: not a mount path inside a longer word, not relative paths.
 */
final class MountPathRewriter {

    private final Map<String, Path> hostDirs;

    /** @param hostDirs mount path to host directory, most specific mount first */
    MountPathRewriter(Map<String, Path> hostDirs) {
        this.hostDirs = hostDirs;
    }

    String rewrite(String value) {
        if (value == null || hostDirs.isEmpty()) {
            return value;
        }
        String whole = rewritePath(value);
        if (whole != null) {
            return whole;
        }
        int equals = value.indexOf('=');
        if (equals >= 0) {
            String after = rewritePath(value.substring(equals + 1));
            if (after != null) {
                return value.substring(0, equals + 1) + after;
            }
        }
        return value;
    }

    private String rewritePath(String value) {
        for (Map.Entry<String, Path> mount : hostDirs.entrySet()) {
            String mountPath = mount.getKey();
            if (mountPath.equals("/")) {
                // Rewriting every absolute path would break the process's view of the host; left alone.
                continue;
            }
            if (value.equals(mountPath)) {
                return mount.getValue().toString();
            }
            if (value.startsWith(mountPath + "/")) {
                return mount.getValue() + value.substring(mountPath.length());
            }
        }
        return null;
    }
}
