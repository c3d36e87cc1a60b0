package io.jenkins.plugins.mlpipeline.steps;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Binds named arguments to a step the way Pipeline does (structs' DescribableModel in strict mode, as in Jenkins'
 * own tests): the {@code @DataBoundConstructor} by parameter name, then each {@code @DataBoundSetter}; an unknown
 * name fails, and values are coerced by DescribableModel's rules (lists to collections, text to numbers and
 * booleans, maps passed through, anything else of the wrong type refused naming the parameter).
 */
final class StepBinder {

    private StepBinder() {
    }

    static <T> T bind(Class<T> type, Map<String, ?> arguments) throws Exception {
        Constructor<?> constructor = dataBoundConstructor(type);
        Map<String, Method> setters = setters(type);
        TreeSet<String> unknown = new TreeSet<>(arguments.keySet());
        for (Parameter p : constructor.getParameters()) {
            if (!p.isNamePresent()) {
                throw new AssertionError(type + " was compiled without -parameters; Jenkins could not bind it");
            }
            unknown.remove(p.getName());
        }
        unknown.removeAll(setters.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("WARNING: Unknown parameter(s) found for class type '" + type.getName()
                    + "': " + String.join(",", unknown));
        }
        Parameter[] params = constructor.getParameters();
        Object[] values = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            Object v = arguments.get(params[i].getName());
            values[i] = v == null ? defaultFor(params[i].getType())
                    : coerce(type.getName() + "." + params[i].getName(), params[i].getParameterizedType(), v);
        }
        T step = type.cast(invoke(() -> constructor.newInstance(values)));
        for (Map.Entry<String, Method> setter : setters.entrySet()) {
            if (arguments.containsKey(setter.getKey())) {
                Method m = setter.getValue();
                Object v = coerce(type.getName() + "." + setter.getKey(), m.getGenericParameterTypes()[0],
                        arguments.get(setter.getKey()));
                invoke(() -> m.invoke(step, v));
            }
        }
        return step;
    }

    /** The property name of each {@code @DataBoundSetter}, e.g. {@code setNodeSelector} -> {@code nodeSelector}. */
    static Map<String, Method> setters(Class<?> type) {
        Map<String, Method> setters = new LinkedHashMap<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                String name = m.getName().substring(3);
                setters.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), m);
            }
        }
        return setters;
    }

    /** Every parameter a Jenkinsfile may pass: constructor parameters, then setters. */
    static List<String> parameterNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Parameter p : dataBoundConstructor(type).getParameters()) {
            names.add(p.getName());
        }
        names.addAll(setters(type).keySet());
        return names;
    }

    private static Constructor<?> dataBoundConstructor(Class<?> type) {
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                return c;
            }
        }
        throw new AssertionError(type + " has no public @DataBoundConstructor");
    }

    private static Object coerce(String context, Type type, Object o) {
        Class<?> erased = erasure(type);
        if (o instanceof List && Collection.class.isAssignableFrom(erased)) {
            Type element = type instanceof ParameterizedType ? ((ParameterizedType) type).getActualTypeArguments()[0]
                    : Object.class;
            List<Object> list = new ArrayList<>();
            for (Object item : (List<?>) o) {
                list.add(item == null ? null : coerce(context, element, item));
            }
            return list;
        }
        if (wrap(erased).isInstance(o)) {
            return o;
        }
        if (o instanceof String && Number.class.isAssignableFrom(wrap(erased))) {
            try {
                return erased == int.class || erased == Integer.class ? Integer.valueOf((String) o)
                        : Long.valueOf((String) o);
            } catch (NumberFormatException e) {
                throw new ClassCastException(context + " expects " + wrap(erased) + " but was unable to coerce the"
                        + " received value \"" + o + "\" to that type");
            }
        }
        if (o instanceof String && wrap(erased) == Boolean.class) {
            return Boolean.valueOf((String) o);
        }
        throw new ClassCastException(context + " expects " + type + " but received " + o.getClass());
    }

    private static Class<?> erasure(Type type) {
        if (type instanceof Class) {
            return (Class<?>) type;
        }
        return (Class<?>) ((ParameterizedType) type).getRawType();
    }

    private static Class<?> wrap(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == int.class ? Integer.class : c == boolean.class ? Boolean.class : c == long.class ? Long.class
                : c == double.class ? Double.class : c;
    }

    private static Object defaultFor(Class<?> c) {
        return c == int.class ? 0 : c == boolean.class ? false : null;
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static Object invoke(Call call) throws Exception {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }
}
