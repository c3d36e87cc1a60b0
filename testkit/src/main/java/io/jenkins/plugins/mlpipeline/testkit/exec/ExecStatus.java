package io.jenkins.plugins.mlpipeline.testkit.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code metav1.Status} written once on channel 3 when an exec'd command ends (v4.channel.k8s.io; kubelet
 * remotecommand {@code v4WriteStatusFunc}, containerd's exit error text), without the type meta the kubelet omits.
 */
final class ExecStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecStatus() {
    }

    static byte[] of(int exitCode, List<String> command) {
        ObjectNode status = JSON.createObjectNode();
        status.putObject("metadata");
        if (exitCode == 0) {
            status.put("status", "Success");
        } else {
            status.put("status", "Failure");
            status.put("message", "command terminated with non-zero exit code: error executing command "
                    + "[" + String.join(" ", command) + "], exit code " + exitCode);
            status.put("reason", "NonZeroExitCode");
            ObjectNode cause = status.putObject("details").putArray("causes").addObject();
            cause.put("reason", "ExitCode");
            cause.put("message", String.valueOf(exitCode));
        }
        return bytes(status);
    }

    /** The command could not be run at all (an emulator failure): fabric8 reports exit code -1. */
    static byte[] internalError(String message) {
        ObjectNode status = JSON.createObjectNode();
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", "error executing command in container: " + message);
        status.put("reason", "InternalError");
        status.put("code", 500);
        return bytes(status);
    }

    private static byte[] bytes(ObjectNode status) {
        return status.toString().getBytes(StandardCharsets.UTF_8);
    }
}
