package io.jenkins.plugins.mlpipeline.demo.pipeline;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Builds a Step from a Jenkinsfile's arguments as Pipeline's DescribableModel does: the
 * {@code @DataBoundConstructor}'s parameters by name (javac {@code -parameters}), then the {@code @DataBoundSetter}s.
 * An argument that is neither is an error naming it and the allowed ones; a single unnamed argument goes to the one
 * constructor parameter when there is exactly one. Values are coerced as Pipeline does: Groovy strings to Strings,
 * text to numbers and booleans, lists to collections; anything else of the wrong type is refused naming the argument.
 */
final class StepBinding {

    private StepBinding() {
    }

    static Step bind(String function, Class<? extends Step> type, Object arguments) throws ReflectiveOperationException {
        Constructor<?> constructor = dataBoundConstructor(type);
        Map<String, Object> named = named(function, constructor, arguments);
        Map<String, Method> setters = setters(type);
        TreeSet<String> unknown = new TreeSet<>(named.keySet());
        for (Parameter p : constructor.getParameters()) {
            unknown.remove(p.getName());
        }
        unknown.removeAll(setters.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(function + ": unknown argument" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; " + function + " takes " + String.join(", ", allowed(type)));
        }
        Parameter[] params = constructor.getParameters();
        Object[] values = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            Object v = named.get(params[i].getName());
            values[i] = v == null ? primitiveDefault(params[i].getType())
                    : coerce(function, params[i].getName(), params[i].getParameterizedType(), v);
        }
        Step step = type.cast(unwrap(() -> constructor.newInstance(values)));
        for (Map.Entry<String, Method> setter : setters.entrySet()) {
            if (named.containsKey(setter.getKey())) {
                Method m = setter.getValue();
                Object v = named.get(setter.getKey());
                Object coerced = v == null ? primitiveDefault(m.getParameterTypes()[0])
                        : coerce(function, setter.getKey(), m.getGenericParameterTypes()[0], v);
                unwrap(() -> m.invoke(step, coerced));
            }
        }
        return step;
    }

    /** Every argument name the step takes: constructor parameters first, then setters, as the Snippet Generator. */
    static List<String> allowed(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Parameter p : dataBoundConstructor(type).getParameters()) {
            names.add(p.getName());
        }
        // Setters in alphabetical order: reflection gives them in no defined order.
        names.addAll(new TreeSet<>(setters(type).keySet()));
        return names;
    }

    private static Map<String, Object> named(String function, Constructor<?> constructor, Object arguments) {
        Map<String, Object> named = new LinkedHashMap<>();
        if (arguments instanceof Map<?, ?> map) {
            map.forEach((k, v) -> named.put(String.valueOf(k), v));
            return named;
        }
        if (arguments == null) {
            return named;
        }
        Parameter[] params = constructor.getParameters();
        if (params.length != 1) {
            throw new IllegalArgumentException(function + " takes named arguments only ("
                    + String.join(", ", allowed(constructor.getDeclaringClass())) + "), e.g. " + function
                    + "(" + (params.length == 0 ? "name" : params[0].getName()) + ": ...)");
        }
        named.put(params[0].getName(), arguments);
        return named;
    }

    private static Constructor<?> dataBoundConstructor(Class<?> type) {
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    if (!p.isNamePresent()) {
                        throw new IllegalStateException(type.getName() + " was compiled without javac -parameters;"
                                + " Pipeline could not bind its constructor by name");
                    }
                }
                return c;
            }
        }
        throw new IllegalStateException(type.getName() + " has no public @DataBoundConstructor");
    }

    private static Map<String, Method> setters(Class<?> type) {
        Map<String, Method> setters = new LinkedHashMap<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")
                    && m.getParameterCount() == 1) {
                String property = m.getName().substring(3);
                setters.put(Character.toLowerCase(property.charAt(0)) + property.substring(1), m);
            }
        }
        return setters;
    }

    private static Object coerce(String function, String argument, Type type, Object value) {
        Object plain = plain(value);
        Class<?> raw = boxed(erasure(type));
        if (plain instanceof List<?> list && Collection.class.isAssignableFrom(raw)) {
            Type element = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
            List<Object> items = new ArrayList<>();
            for (Object item : list) {
                items.add(item == null ? null : coerce(function, argument, element, item));
            }
            return items;
        }
        if (raw.isInstance(plain)) {
            return plain;
        }
        if (raw == Integer.class || raw == Long.class) {
            Long number = wholeNumber(plain);
            if (number != null) {
                return raw == Integer.class ? (Object) Math.toIntExact(number) : number;
            }
        }
        if (raw == Boolean.class && plain instanceof String text
                && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(text);
        }
        if (raw == String.class && (plain instanceof Number || plain instanceof Boolean)) {
            return plain.toString();
        }
        throw new IllegalArgumentException(function + ": argument " + argument + " expects " + describe(type)
                + " but got " + describeValue(plain));
    }

    /** GStrings become Strings, also inside maps and lists: a step never sees Groovy types. */
    static Object plain(Object value) {
        if (value instanceof CharSequence s && !(value instanceof String)) {
            return s.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(plain(k)), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        return value;
    }

    private static Long wholeNumber(Object value) {
        try {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger b) {
                return b.longValueExact();
            }
            if (value instanceof BigDecimal d) {
                return d.longValueExact();
            }
            if (value instanceof String s) {
                return Long.valueOf(s.trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static String describe(Type type) {
        Class<?> raw = boxed(erasure(type));
        if (Map.class.isAssignableFrom(raw)) {
            return "a map";
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return "a list";
        }
        if (raw == Integer.class || raw == Long.class) {
            return "a whole number";
        }
        if (raw == Boolean.class) {
            return "true or false";
        }
        return raw == String.class ? "a string" : raw.getSimpleName();
    }

    private static String describeValue(Object value) {
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return (value instanceof String ? "'" + value + "'" : String.valueOf(value)) + " ("
                + value.getClass().getSimpleName() + ")";
    }

    private static Class<?> erasure(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt) {
            return (Class<?>) pt.getRawType();
        }
        return Object.class;
    }

    private static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        return c == long.class ? Long.class : c == double.class ? Double.class : c;
    }

    private static Object primitiveDefault(Class<?> c) {
        if (c == int.class) {
            return 0;
        }
        if (c == long.class) {
            return 0L;
        }
        return c == boolean.class ? false : null;
    }

    private interface Reflective {
        Object call() throws ReflectiveOperationException;
    }

    /** The step's own exception (a refused value), not the reflection wrapper around it. */
    private static Object unwrap(Reflective call) throws ReflectiveOperationException {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
