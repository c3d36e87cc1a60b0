package io.jenkins.plugins.mlpipeline.testkit.apiserver;

import java.security.SecureRandom;
import java.util.Random;

/**
 * {@code metadata.generateName} handling of the API server: the prefix (cut to 58 characters) plus 5 random
 * characters from the alphabet of k8s.io/apimachinery/pkg/util/rand (no vowels, no look-alikes).
 */
public final class GeneratedNames {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int MAX_PREFIX = 58;
    private static final Random RANDOM = new SecureRandom();

    private GeneratedNames() {
    }

    public static String generate(String prefix) {
        String base = prefix.length() > MAX_PREFIX ? prefix.substring(0, MAX_PREFIX) : prefix;
        StringBuilder name = new StringBuilder(base);
        for (int i = 0; i < 5; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }
}
