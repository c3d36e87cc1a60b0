package io.jenkins.plugins.mlpipeline.render;

/**
 * The kubelet expands {@code $(NAME)} in container command and args with the container's environment, and turns
 * {@code $$} into {@code $} (k8s {@code third_party/forked/golang/expansion/expand.go}). Doubling every {@code $}
 * therefore makes the program receive the text exactly as written.
 */
final class KubeletExpansion {

    private KubeletExpansion() {
    }

    static String escape(String text) {
        return text.replace("$", "$$");
    }
}
