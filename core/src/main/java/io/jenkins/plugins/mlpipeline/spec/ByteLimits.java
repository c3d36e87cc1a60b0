package io.jenkins.plugins.mlpipeline.spec;

import java.math.BigDecimal;

/** Byte limits written as Kubernetes quantities ({@code 10Gi}, {@code 500M}, {@code 1048576}). */
public final class ByteLimits {

    private ByteLimits() {
    }

    /**
     * @throws IllegalArgumentException naming {@code field} unless {@code text} is a positive whole number of bytes
     */
    public static long parse(String field, String text) {
        BigDecimal bytes = Quantities.parse(text).orElseThrow(() -> new IllegalArgumentException(field
                + ": must be a size such as 10Gi, 500Mi or 2G (a Kubernetes quantity), got '" + text + "'"));
        if (bytes.signum() <= 0 || bytes.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(field + ": must be a positive whole number of bytes, got '" + text
                    + "'");
        }
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + ": at most " + Long.MAX_VALUE + " bytes, got '" + text + "'");
        }
    }
}
