package io.jenkins.plugins.mlpipeline.spec;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes quantity grammar (k8s apimachinery {@code pkg/api/resource/quantity.go}, the comment above
 * {@code Quantity}): a signed decimal number followed by nothing, a binary suffix ({@code Ki Mi Gi Ti Pi Ei}),
 * a decimal suffix ({@code n u m k M G T P E}) or a decimal exponent ({@code e3}, {@code E-2}).
 *
 * <p>We check it with our own regular expression because fabric8's {@code Quantity.parse} only splits digits
 * from letters and accepts strings the API server rejects (for example {@code 4GB}).
 */
public final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile(
            "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

    private static final Map<String, BigDecimal> SUFFIX_FACTORS = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
            Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
            Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
            Map.entry("Ei", BigDecimal.valueOf(2).pow(60)),
            Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
            Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
            Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
            Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
            Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
            Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
            Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
            Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
            Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)));

    /** Exponents beyond this are nonsense for any resource and would make BigDecimal arithmetic explode. */
    private static final int MAX_EXPONENT = 100;

    private Quantities() {
    }

    public static boolean isQuantity(String text) {
        return parse(text).isPresent();
    }

    /** The exact numeric value of a quantity ({@code 1Ki} is 1024, {@code 500m} is 0.5), or empty if invalid. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = QUANTITY.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        String suffix = matcher.group(2);
        if (suffix == null) {
            return Optional.of(number);
        }
        if (!SUFFIX_FACTORS.containsKey(suffix)) { // the grammar leaves only the exponent form
            BigDecimal exponent = new BigDecimal(suffix.substring(1));
            if (exponent.abs().compareTo(BigDecimal.valueOf(MAX_EXPONENT)) > 0) {
                return Optional.empty();
            }
            return Optional.of(number.scaleByPowerOfTen(exponent.intValueExact()));
        }
        return Optional.of(number.multiply(SUFFIX_FACTORS.get(suffix)));
    }
}
