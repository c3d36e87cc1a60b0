package io.jenkins.plugins.mlpipeline.packaging;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The plugin's compiled classes, loaded (not initialized) for reflection. The packaging checks derive every
 * expected list from these, never from a hand-kept list. Annotations are matched by name so the checks work
 * with whichever jar declares them.
 */
final class CompiledClasses {

    private CompiledClasses() {
    }

    static List<Class<?>> load(Path classesDir, ClassLoader loader) throws IOException {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String relative = classesDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                String name = relative.substring(0, relative.length() - ".class".length());
                if (name.endsWith("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                try {
                    classes.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("Compiled class " + name + " cannot be loaded", e);
                }
            }
        }
        return classes;
    }

    static boolean isAnnotated(AnnotatedElement element, String annotationName) {
        return annotation(element, annotationName) != null;
    }

    static Annotation annotation(AnnotatedElement element, String annotationName) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            if (annotation.annotationType().getName().equals(annotationName)) {
                return annotation;
            }
        }
        return null;
    }

    static SortedSet<String> namesAnnotatedWith(List<Class<?>> classes, String annotationName) {
        SortedSet<String> names = new TreeSet<>();
        for (Class<?> type : classes) {
            if (isAnnotated(type, annotationName)) {
                names.add(type.getName());
            }
        }
        return names;
    }

    /**
     * Every class, field or method carrying the annotation, as {@code Class} or {@code Class#member}: the
     * elements SezPoz indexes (it indexes static fields and methods as well as classes).
     */
    static SortedSet<String> elementsAnnotatedWith(List<Class<?>> classes, String annotationName) {
        SortedSet<String> keys = new TreeSet<>();
        for (Class<?> type : classes) {
            if (isAnnotated(type, annotationName)) {
                keys.add(type.getName());
            }
            for (Field field : type.getDeclaredFields()) {
                addMember(keys, field, annotationName);
            }
            for (Method method : type.getDeclaredMethods()) {
                addMember(keys, method, annotationName);
            }
        }
        return keys;
    }

    private static <M extends AnnotatedElement & Member> void addMember(SortedSet<String> keys, M member, String annotationName) {
        if (isAnnotated(member, annotationName)) {
            keys.add(member.getDeclaringClass().getName() + "#" + member.getName());
        }
    }

    /** The classes that are subtypes of the named type (which need not be loadable: then there are none). */
    static List<Class<?>> subtypesOf(List<Class<?>> classes, String typeName, ClassLoader loader) {
        Class<?> base;
        try {
            base = Class.forName(typeName, false, loader);
        } catch (ClassNotFoundException e) {
            return List.of();
        }
        return classes.stream().filter(c -> c != base && base.isAssignableFrom(c)).toList();
    }
}
