package io.jenkins.plugins.mlpipeline.packaging;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The configurable fields of a describable as Stapler binds them (jenkinsci/stapler: DataBoundConstructor,
 * DataBoundSetter): the parameter names of the {@code @DataBoundConstructor} (hence javac {@code -parameters}),
 * the properties of public {@code @DataBoundSetter} methods, and {@code @DataBoundSetter} fields, through the
 * class hierarchy.
 */
final class DataBoundFields {

    static final String DATA_BOUND_CONSTRUCTOR = "org.kohsuke.stapler.DataBoundConstructor";
    static final String DATA_BOUND_SETTER = "org.kohsuke.stapler.DataBoundSetter";

    private DataBoundFields() {
    }

    static SortedSet<String> of(Class<?> type) {
        return of(type, DATA_BOUND_CONSTRUCTOR, DATA_BOUND_SETTER);
    }

    static SortedSet<String> of(Class<?> type, String constructorAnnotation, String setterAnnotation) {
        SortedSet<String> fields = new TreeSet<>();
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (CompiledClasses.isAnnotated(constructor, constructorAnnotation)) {
                for (Parameter parameter : constructor.getParameters()) {
                    if (!parameter.isNamePresent()) {
                        throw new IllegalStateException(type.getName() + " was compiled without -parameters:"
                                + " Stapler cannot bind its @DataBoundConstructor arguments by name");
                    }
                    fields.add(parameter.getName());
                }
            }
        }
        for (Method method : type.getMethods()) {
            if (CompiledClasses.isAnnotated(method, setterAnnotation)) {
                fields.add(propertyOfSetter(method.getName()));
            }
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (CompiledClasses.isAnnotated(field, setterAnnotation)) {
                    fields.add(field.getName());
                }
            }
        }
        return fields;
    }

    /** {@code setFoo} -> {@code foo}, {@code setURL} -> {@code URL}: the JavaBeans rule Stapler applies. */
    static String propertyOfSetter(String methodName) {
        if (!methodName.startsWith("set") || methodName.length() == 3) {
            throw new IllegalArgumentException("@DataBoundSetter method " + methodName + " is not named set<Property>");
        }
        String property = methodName.substring(3);
        if (property.length() > 1 && Character.isUpperCase(property.charAt(0)) && Character.isUpperCase(property.charAt(1))) {
            return property;
        }
        return Character.toLowerCase(property.charAt(0)) + property.substring(1);
    }
}
