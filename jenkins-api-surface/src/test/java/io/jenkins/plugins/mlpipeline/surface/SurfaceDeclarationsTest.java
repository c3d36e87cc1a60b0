package io.jenkins.plugins.mlpipeline.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.BuildListener;
import hudson.model.Fingerprint;
import hudson.model.FingerprintMap;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.RootAction;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.tasks.Fingerprinter;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jenkins.YesNoMaybe;
import jenkins.model.ArtifactManager;
import jenkins.model.CauseOfInterruption;
import jenkins.model.FingerprintFacet;
import jenkins.model.Jenkins;
import jenkins.model.TransientActionFactory;
import jenkins.util.BuildListenerAdapter;
import jenkins.util.Timer;
import jenkins.util.VirtualFile;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import net.java.sezpoz.Indexable;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud;
import org.csanchez.jenkins.plugins.kubernetes.KubernetesFolderProperty;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplate;
import org.csanchez.jenkins.plugins.kubernetes.PodTemplateUtils;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthException;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jvnet.hudson.annotation_indexer.Indexed;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Checks the declarations against the facts read from the real sources (see README.md): a declaration that drifts
 * from the real kind of type, modifiers, return type or checked exceptions links at compile time and breaks only
 * inside Jenkins, so it has to be caught here.
 */
class SurfaceDeclarationsTest {

    private static final Path SOURCES = Path.of("src", "main", "java");

    private enum Kind { INTERFACE, ANNOTATION, ENUM, CLASS, ABSTRACT_CLASS, FINAL_CLASS }

    /** Every type the module declares, with the kind of type the real one is. */
    private static final Map<String, Kind> EXPECTED_TYPES = new TreeMap<>(Map.ofEntries(
            Map.entry("hudson.AbortException", Kind.CLASS),
            Map.entry("hudson.EnvVars", Kind.CLASS),
            Map.entry("hudson.FilePath", Kind.FINAL_CLASS),
            Map.entry("hudson.Launcher", Kind.ABSTRACT_CLASS),
            Map.entry("hudson.model.BuildListener", Kind.INTERFACE),
            Map.entry("hudson.model.Cause", Kind.ABSTRACT_CLASS),
            Map.entry("hudson.model.Fingerprint", Kind.CLASS),
            Map.entry("hudson.model.FingerprintMap", Kind.FINAL_CLASS),
            Map.entry("hudson.model.RootAction", Kind.INTERFACE),
            Map.entry("hudson.model.User", Kind.CLASS),
            Map.entry("hudson.tasks.Fingerprinter", Kind.CLASS),
            Map.entry("jenkins.model.ArtifactManager", Kind.ABSTRACT_CLASS),
            Map.entry("jenkins.model.FingerprintFacet", Kind.ABSTRACT_CLASS),
            Map.entry("jenkins.model.TransientActionFactory", Kind.ABSTRACT_CLASS),
            Map.entry("jenkins.util.BuildListenerAdapter", Kind.FINAL_CLASS),
            Map.entry("jenkins.util.VirtualFile", Kind.ABSTRACT_CLASS),
            Map.entry("hudson.model.Hudson", Kind.CLASS),
            Map.entry("hudson.util.PersistedList", Kind.CLASS),
            Map.entry("hudson.util.DescribableList", Kind.CLASS),
            Map.entry("hudson.Extension", Kind.ANNOTATION),
            Map.entry("hudson.ExtensionList", Kind.CLASS),
            Map.entry("hudson.ExtensionPoint", Kind.INTERFACE),
            Map.entry("hudson.model.AbstractDescribableImpl", Kind.ABSTRACT_CLASS),
            Map.entry("hudson.model.Action", Kind.INTERFACE),
            Map.entry("hudson.model.Actionable", Kind.ABSTRACT_CLASS),
            Map.entry("hudson.model.Describable", Kind.INTERFACE),
            Map.entry("hudson.model.Descriptor", Kind.ABSTRACT_CLASS),
            Map.entry("hudson.model.Item", Kind.INTERFACE),
            Map.entry("hudson.model.ItemGroup", Kind.INTERFACE),
            Map.entry("hudson.model.Job", Kind.ABSTRACT_CLASS),
            Map.entry("hudson.model.ModelObject", Kind.INTERFACE),
            Map.entry("hudson.model.Result", Kind.FINAL_CLASS),
            Map.entry("hudson.model.Run", Kind.ABSTRACT_CLASS),
            Map.entry("hudson.model.TaskListener", Kind.INTERFACE),
            Map.entry("hudson.security.AccessControlled", Kind.INTERFACE),
            Map.entry("hudson.security.ACL", Kind.ABSTRACT_CLASS),
            Map.entry("hudson.security.ACLContext", Kind.CLASS),
            Map.entry("hudson.security.Permission", Kind.FINAL_CLASS),
            Map.entry("hudson.slaves.Cloud", Kind.ABSTRACT_CLASS),
            Map.entry("hudson.util.FormValidation", Kind.ABSTRACT_CLASS),
            Map.entry("hudson.util.ListBoxModel", Kind.CLASS),
            Map.entry("jenkins.YesNoMaybe", Kind.ENUM),
            Map.entry("jenkins.model.CauseOfInterruption", Kind.ABSTRACT_CLASS),
            Map.entry("jenkins.model.GlobalConfiguration", Kind.ABSTRACT_CLASS),
            Map.entry("jenkins.model.Jenkins", Kind.CLASS),
            Map.entry("jenkins.model.RunAction2", Kind.INTERFACE),
            Map.entry("jenkins.util.Timer", Kind.CLASS),
            Map.entry("org.csanchez.jenkins.plugins.kubernetes.KubernetesCloud", Kind.CLASS),
            Map.entry("org.csanchez.jenkins.plugins.kubernetes.KubernetesFolderProperty", Kind.CLASS),
            Map.entry("org.csanchez.jenkins.plugins.kubernetes.PodTemplate", Kind.CLASS),
            Map.entry("org.csanchez.jenkins.plugins.kubernetes.PodTemplateUtils", Kind.CLASS),
            Map.entry("org.jenkinsci.Symbol", Kind.ANNOTATION),
            Map.entry("org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthException", Kind.CLASS),
            Map.entry("org.jenkinsci.plugins.workflow.steps.FlowInterruptedException", Kind.FINAL_CLASS),
            Map.entry("org.jenkinsci.plugins.workflow.steps.Step", Kind.ABSTRACT_CLASS),
            Map.entry("org.jenkinsci.plugins.workflow.steps.StepContext", Kind.ABSTRACT_CLASS),
            Map.entry("org.jenkinsci.plugins.workflow.steps.StepDescriptor", Kind.ABSTRACT_CLASS),
            Map.entry("org.jenkinsci.plugins.workflow.steps.StepExecution", Kind.ABSTRACT_CLASS),
            Map.entry("org.jvnet.hudson.annotation_indexer.Indexed", Kind.ANNOTATION),
            Map.entry("org.jvnet.hudson.annotation_indexer.Validator", Kind.INTERFACE),
            Map.entry("org.kohsuke.stapler.DataBoundConstructor", Kind.ANNOTATION),
            Map.entry("org.kohsuke.stapler.DataBoundSetter", Kind.ANNOTATION),
            Map.entry("org.kohsuke.stapler.QueryParameter", Kind.ANNOTATION),
            Map.entry("org.kohsuke.stapler.verb.POST", Kind.ANNOTATION)));

    @Test
    void declaresExactlyTheListedTypesEachWithItsRealKind() throws Exception {
        assertThat(declaredTypeNames()).containsExactlyInAnyOrderElementsOf(EXPECTED_TYPES.keySet());
        for (Map.Entry<String, Kind> e : EXPECTED_TYPES.entrySet()) {
            assertThat(kindOf(Class.forName(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(Modifier.isPublic(Class.forName(e.getKey()).getModifiers())).as(e.getKey() + " is public").isTrue();
        }
        assertThat(ListBoxModel.Option.class.getModifiers() & (Modifier.PUBLIC | Modifier.STATIC | Modifier.FINAL))
                .as("ListBoxModel.Option is public static final")
                .isEqualTo(Modifier.PUBLIC | Modifier.STATIC | Modifier.FINAL);
        assertThat(FormValidation.Kind.class.isEnum()).isTrue();
        assertThat(Fingerprinter.FingerprintAction.class.getModifiers() & (Modifier.PUBLIC | Modifier.STATIC | Modifier.FINAL))
                .as("Fingerprinter.FingerprintAction is public static final")
                .isEqualTo(Modifier.PUBLIC | Modifier.STATIC | Modifier.FINAL);
    }

    @Test
    void superTypesAreTheRealOnes() {
        assertThat(Step.class.getSuperclass()).isEqualTo(hudson.model.AbstractDescribableImpl.class);
        assertThat(Step.class.getInterfaces()).contains(hudson.ExtensionPoint.class);
        assertThat(StepDescriptor.class.getSuperclass()).isEqualTo(hudson.model.Descriptor.class);
        assertThat(StepContext.class.getInterfaces())
                .containsExactlyInAnyOrder(com.google.common.util.concurrent.FutureCallback.class, java.io.Serializable.class);
        assertThat(java.io.Serializable.class).isAssignableFrom(StepExecution.class);
        assertThat(FlowInterruptedException.class.getSuperclass()).isEqualTo(InterruptedException.class);
        assertThat(AbortException.class.getSuperclass()).isEqualTo(IOException.class);
        assertThat(FormValidation.class.getSuperclass()).isEqualTo(IOException.class);
        assertThat(KubernetesAuthException.class.getSuperclass()).isEqualTo(Exception.class);
        assertThat(KubernetesCloud.class.getSuperclass()).isEqualTo(hudson.slaves.Cloud.class);
        assertThat(hudson.slaves.Cloud.class.getSuperclass()).isEqualTo(hudson.model.Actionable.class);
        assertThat(Run.class.getSuperclass()).isEqualTo(hudson.model.Actionable.class);
        assertThat(hudson.model.Item.class).isAssignableFrom(Job.class);
        assertThat(jenkins.model.GlobalConfiguration.class.getSuperclass()).isEqualTo(hudson.model.Descriptor.class);
        assertThat(hudson.model.Action.class).isAssignableFrom(jenkins.model.RunAction2.class);
        assertThat(hudson.model.ModelObject.class).isAssignableFrom(hudson.model.Action.class);
        assertThat(java.io.Serializable.class).isAssignableFrom(CauseOfInterruption.class);
        assertThat(java.io.Serializable.class).isAssignableFrom(TaskListener.class);
        assertThat(ListBoxModel.class.getSuperclass()).isEqualTo(ArrayList.class);

        assertThat(FilePath.class.getSuperclass()).isEqualTo(Object.class);
        assertThat(FilePath.class.getInterfaces()).containsExactly(Serializable.class);
        assertThat(Launcher.class.getSuperclass()).isEqualTo(Object.class);
        assertThat(BuildListener.class.getInterfaces()).containsExactly(TaskListener.class);
        assertThat(BuildListenerAdapter.class.getInterfaces()).containsExactly(BuildListener.class);
        assertThat(ArtifactManager.class.getSuperclass()).isEqualTo(Object.class);
        assertThat(ArtifactManager.class.getInterfaces()).isEmpty();
        assertThat(VirtualFile.class.getSuperclass()).isEqualTo(Object.class);
        assertThat(Stream.of(VirtualFile.class.getGenericInterfaces()).map(Type::getTypeName))
                .containsExactlyInAnyOrder("java.lang.Comparable<jenkins.util.VirtualFile>", "java.io.Serializable");
        assertThat(Fingerprint.class.getSuperclass()).isEqualTo(Object.class);
        assertThat(Fingerprint.class.getInterfaces()).containsExactly(hudson.model.ModelObject.class);
        assertThat(FingerprintMap.class.getSuperclass()).isEqualTo(Object.class);
        assertThat(FingerprintFacet.class.getInterfaces()).containsExactly(hudson.ExtensionPoint.class);
        assertThat(Fingerprinter.FingerprintAction.class.getInterfaces()).containsExactly(jenkins.model.RunAction2.class);
        assertThat(Fingerprinter.FingerprintAction.class.getDeclaringClass()).isEqualTo(Fingerprinter.class);
        assertThat(TransientActionFactory.class.getInterfaces()).containsExactly(hudson.ExtensionPoint.class);
        assertThat(TransientActionFactory.class.getTypeParameters()).hasSize(1);
        assertThat(RootAction.class.getInterfaces())
                .containsExactlyInAnyOrder(hudson.model.Action.class, hudson.ExtensionPoint.class);
        assertThat(User.class.getInterfaces()).containsExactly(hudson.security.AccessControlled.class);
    }

    @Test
    void annotationsJenkinsReadsReflectivelyAreRuntimeRetainedWithTheRealTargets() {
        assertRetainedAtRuntime(DataBoundConstructor.class, ElementType.CONSTRUCTOR);
        assertRetainedAtRuntime(DataBoundSetter.class, ElementType.METHOD, ElementType.FIELD);
        assertRetainedAtRuntime(QueryParameter.class, ElementType.PARAMETER);
        assertRetainedAtRuntime(POST.class, ElementType.METHOD);
        assertRetainedAtRuntime(Extension.class, ElementType.TYPE, ElementType.FIELD, ElementType.METHOD);
        assertRetainedAtRuntime(Symbol.class, ElementType.TYPE);
        assertRetainedAtRuntime(Indexed.class, ElementType.ANNOTATION_TYPE);
    }

    @Test
    void annotationsPlacedOnCodeAreVisibleToReflectionWithTheirDefaults() throws Exception {
        Extension extension = Annotated.class.getAnnotation(Extension.class);
        assertThat(extension).isNotNull();
        assertThat(extension.ordinal()).isEqualTo(0.0);
        assertThat(extension.dynamicLoadable()).isEqualTo(YesNoMaybe.MAYBE);
        assertThat(Annotated.class.getAnnotation(Symbol.class).value()).containsExactly("sample");
        assertThat(Annotated.class.getConstructor(String.class).isAnnotationPresent(DataBoundConstructor.class)).isTrue();
        assertThat(Annotated.class.getMethod("setName", String.class).isAnnotationPresent(DataBoundSetter.class)).isTrue();
        Method check = Annotated.class.getMethod("doCheckName", String.class);
        assertThat(check.isAnnotationPresent(POST.class)).isTrue();
        QueryParameter query = check.getParameters()[0].getAnnotation(QueryParameter.class);
        assertThat(query).isNotNull();
        assertThat(query.value()).isEmpty();
        assertThat(query.fixEmpty()).isFalse();
        assertThat(query.required()).isFalse();
    }

    @Test
    void extensionIsIndexedBySezPozAndSymbolByAnnotationIndexer() throws Exception {
        assertThat(Extension.class.isAnnotationPresent(Indexable.class)).as("@Extension carries @Indexable").isTrue();
        assertThat(Symbol.class.isAnnotationPresent(Indexed.class)).as("@Symbol carries @Indexed").isTrue();
        assertThat(Indexed.class.getMethod("validators").getDefaultValue()).isEqualTo(new Class<?>[0]);
        assertThat(Extension.class.getMethod("optional").isAnnotationPresent(Deprecated.class)).isTrue();

        // javac ran SezPoz's processor on this test class: its index names the @Extension class, as in a real plugin.
        List<String> indexed = new ArrayList<>();
        for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, getClass().getClassLoader())) {
            indexed.add(item.className());
        }
        assertThat(indexed).contains(Annotated.class.getName());
    }

    @Test
    void membersHaveTheRealReturnTypesModifiersAndCheckedExceptions() throws Exception {
        // class, name, parameter types -> return type (erasure), modifiers that must be present, checked exceptions
        assertMember(Step.class, "start", List.of(StepContext.class), StepExecution.class, Modifier.ABSTRACT, Exception.class);
        assertMember(Step.class, "getDescriptor", List.of(), StepDescriptor.class, 0);
        assertMember(StepDescriptor.class, "getRequiredContext", List.of(), Set.class, Modifier.ABSTRACT);
        assertMember(StepDescriptor.class, "getFunctionName", List.of(), String.class, Modifier.ABSTRACT);
        assertMember(StepDescriptor.class, "argumentsToString", List.of(Map.class), String.class, 0);
        assertMember(StepContext.class, "get", List.of(Class.class), Object.class, Modifier.ABSTRACT,
                IOException.class, InterruptedException.class);
        assertMember(StepContext.class, "onSuccess", List.of(Object.class), void.class, Modifier.ABSTRACT);
        assertMember(StepContext.class, "isReady", List.of(), boolean.class, Modifier.ABSTRACT);
        assertMember(StepContext.class, "saveState", List.of(), ListenableFuture.class, Modifier.ABSTRACT);
        assertMember(StepContext.class, "setResult", List.of(Result.class), void.class, Modifier.ABSTRACT);
        assertMember(StepContext.class, "equals", List.of(Object.class), boolean.class, Modifier.ABSTRACT);
        assertMember(StepContext.class, "hashCode", List.of(), int.class, Modifier.ABSTRACT);
        assertMember(StepExecution.class, "getContext", List.of(), StepContext.class, 0);
        assertMember(StepExecution.class, "start", List.of(), boolean.class, Modifier.ABSTRACT, Exception.class);
        assertMember(StepExecution.class, "stop", List.of(Throwable.class), void.class, 0, Exception.class);
        assertMember(StepExecution.class, "onResume", List.of(), void.class, 0);
        assertMember(StepExecution.class, "getStatus", List.of(), String.class, 0);
        assertMember(StepExecution.class, "blocksRestart", List.of(), boolean.class, 0);
        assertMember(FlowInterruptedException.class, "getResult", List.of(), Result.class, 0);
        assertMember(FlowInterruptedException.class, "getCauses", List.of(), List.class, 0);
        assertMember(FlowInterruptedException.class, "isActualInterruption", List.of(), boolean.class, 0);
        assertMember(ExtensionList.class, "lookupSingleton", List.of(Class.class), Object.class, Modifier.STATIC);
        assertMember(Result.class, "isWorseThan", List.of(Result.class), boolean.class, 0);
        assertMember(TaskListener.class, "getLogger", List.of(), PrintStream.class, Modifier.ABSTRACT);
        assertMember(Run.class, "getExternalizableId", List.of(), String.class, 0);
        assertMember(Run.class, "getUrl", List.of(), String.class, 0);
        assertMember(Run.class, "getNumber", List.of(), int.class, 0);
        assertMember(Run.class, "getParent", List.of(), Job.class, 0);
        assertMember(Run.class, "getFullDisplayName", List.of(), String.class, 0);
        assertMember(Run.class, "save", List.of(), void.class, 0, IOException.class);
        assertMember(Job.class, "getFullName", List.of(), String.class, Modifier.FINAL);
        assertMember(Job.class, "getParent", List.of(), ItemGroup.class, 0);
        assertMember(hudson.model.Actionable.class, "getAction", List.of(Class.class), hudson.model.Action.class, 0);
        assertMember(hudson.model.Actionable.class, "addAction", List.of(hudson.model.Action.class), void.class, 0);
        assertMember(hudson.model.Actionable.class, "addOrReplaceAction", List.of(hudson.model.Action.class), boolean.class, 0);
        assertMember(hudson.model.Descriptor.class, "save", List.of(), void.class, 0);
        assertMember(hudson.model.Descriptor.class, "load", List.of(), void.class, 0);
        assertMember(hudson.model.Descriptor.class, "getId", List.of(), String.class, 0);
        assertMember(jenkins.model.GlobalConfiguration.class, "getDescriptor", List.of(), hudson.model.Descriptor.class,
                Modifier.FINAL);
        assertMember(jenkins.model.GlobalConfiguration.class, "all", List.of(), ExtensionList.class, Modifier.STATIC);
        assertMember(jenkins.model.RunAction2.class, "onAttached", List.of(Run.class), void.class, Modifier.ABSTRACT);
        assertMember(jenkins.model.RunAction2.class, "onLoad", List.of(Run.class), void.class, Modifier.ABSTRACT);
        assertMember(CauseOfInterruption.class, "getShortDescription", List.of(), String.class, Modifier.ABSTRACT);
        assertMember(CauseOfInterruption.class, "print", List.of(TaskListener.class), void.class, 0);
        assertMember(Jenkins.class, "get", List.of(), Jenkins.class, Modifier.STATIC);
        assertMember(Jenkins.class, "getCloud", List.of(String.class), hudson.slaves.Cloud.class, 0);
        assertMember(Jenkins.class, "getRootUrl", List.of(), String.class, 0);
        assertMember(Timer.class, "get", List.of(), ScheduledExecutorService.class, Modifier.STATIC | Modifier.SYNCHRONIZED);
        assertMember(FormValidation.class, "ok", List.of(), FormValidation.class, Modifier.STATIC);
        assertMember(FormValidation.class, "error", List.of(String.class), FormValidation.class, Modifier.STATIC);
        assertMember(ListBoxModel.class, "add", List.of(String.class, String.class), void.class, 0);
        assertMember(KubernetesCloud.class, "connect", List.of(), KubernetesClient.class, 0,
                KubernetesAuthException.class, IOException.class);
        assertMember(KubernetesCloud.class, "getNamespace", List.of(), String.class, 0);
        assertMember(KubernetesCloud.class, "isUsageRestricted", List.of(), boolean.class, 0);
        assertMember(KubernetesCloud.class, "getAllTemplates", List.of(), List.class, 0);
        assertMember(KubernetesCloud.class, "getUnwrappedTemplate", List.of(PodTemplate.class), PodTemplate.class, 0);
        assertMember(PodTemplate.class, "getYamlsPod", List.of(), Pod.class, 0);
        assertMember(PodTemplateUtils.class, "getTemplateByName", List.of(String.class, Collection.class),
                PodTemplate.class, Modifier.STATIC);
        assertMember(KubernetesFolderProperty.class, "collectAllowedClouds", List.of(Set.class, ItemGroup.class),
                void.class, Modifier.STATIC);

        assertThat(Modifier.isProtected(StepExecution.class.getDeclaredConstructor(StepContext.class).getModifiers())).isTrue();
        assertThat(StepExecution.class.getDeclaredConstructor().isAnnotationPresent(Deprecated.class)).isTrue();
        assertThat(FlowInterruptedException.class
                .getConstructor(Result.class, boolean.class, CauseOfInterruption[].class).isVarArgs()).isTrue();
        assertThat(Modifier.isPublic(hudson.slaves.Cloud.class.getField("name").getModifiers())).isTrue();
        assertThat(Modifier.isFinal(hudson.slaves.Cloud.class.getField("name").getModifiers())).isFalse();
        assertThat(Modifier.isProtected(hudson.slaves.Cloud.class.getDeclaredConstructor(String.class).getModifiers())).isTrue();
    }

    @Test
    void noFieldIsACompileTimeConstantThatJavacWouldInline() throws Exception {
        List<String> constants = new ArrayList<>();
        for (String name : EXPECTED_TYPES.keySet()) {
            for (Field f : Class.forName(name).getDeclaredFields()) {
                int m = f.getModifiers();
                boolean inlinable = Modifier.isStatic(m) && Modifier.isFinal(m) && !Modifier.isPrivate(m)
                        && (f.getType().isPrimitive() || f.getType() == String.class);
                if (inlinable) {
                    constants.add(name + "." + f.getName());
                }
            }
        }
        assertThat(constants).isEmpty();
        // The Result instances and Jenkins.ADMINISTER are real objects at run time, so they must not be constants.
        assertThat(Result.class.getField("ABORTED").getType()).isEqualTo(Result.class);
        assertThat(Jenkins.class.getField("ADMINISTER").getType()).isEqualTo(hudson.security.Permission.class);
    }

    @Test
    void everySourceFileCitesTheRealSourceItWasCheckedAgainst() throws IOException {
        Pattern citation = Pattern.compile("Checked against: jenkinsci/[\\w.-]+:[\\w/.-]+\\.java[\\s*]*\\(");
        List<Path> files = sourceFiles();
        assertThat(files).hasSize(EXPECTED_TYPES.size());
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(citation.matcher(text).find()).as(file + " has a 'Checked against: <repo>:<path> (...)' line").isTrue();
        }
    }

    @Test
    void resultsOrderAndNameLikeTheRealOnesAndStayUniqueThroughSerialization() throws Exception {
        assertThat(Result.FAILURE.isWorseThan(Result.UNSTABLE)).isTrue();
        assertThat(Result.ABORTED.isWorseThan(Result.FAILURE)).isTrue();
        assertThat(Result.SUCCESS.isWorseThan(Result.UNSTABLE)).isFalse();
        assertThat(Result.UNSTABLE.isWorseThan(Result.UNSTABLE)).isFalse();
        assertThat(Stream.of(Result.SUCCESS, Result.UNSTABLE, Result.FAILURE, Result.NOT_BUILT, Result.ABORTED)
                .map(Result::toString)).containsExactly("SUCCESS", "UNSTABLE", "FAILURE", "NOT_BUILT", "ABORTED");
        assertThat(roundTrip(Result.ABORTED)).isSameAs(Result.ABORTED);
    }

    @Test
    void flowInterruptedExceptionCarriesResultAndCauses() {
        CauseOfInterruption cause = new Cause("Job deleted in Kubernetes");
        FlowInterruptedException e = new FlowInterruptedException(Result.ABORTED, false, cause, new Cause("second"));
        assertThat(e.getResult()).isSameAs(Result.ABORTED);
        assertThat(e.getCauses()).hasSize(2).first().isSameAs(cause);
        assertThat(e.isActualInterruption()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Job deleted in Kubernetes, second");
    }

    @Test
    void stepExecutionKeepsItsContextAndItsDefaultStopPassesTheCauseOn() throws Exception {
        RecordingContext context = new RecordingContext();
        StepExecution execution = new StepExecution(context) {
            @Override
            public boolean start() {
                return false;
            }
        };
        assertThat(execution.getContext()).isSameAs(context);
        assertThat(execution.getStatus()).isNull();
        assertThat(execution.blocksRestart()).isFalse();
        AbortException cause = new AbortException("stopped by user");
        execution.stop(cause);
        assertThat(context.failure).isSameAs(cause);

        @SuppressWarnings("deprecation")
        StepExecution withoutContext = new StepExecution() {
            @Override
            public boolean start() {
                return false;
            }
        };
        assertThatThrownBy(withoutContext::getContext).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void causeOfInterruptionPrintsItsShortDescriptionToTheLog() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        new Cause("Job suspended in Kubernetes").print(() -> out);
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("Job suspended in Kubernetes" + System.lineSeparator());
    }

    @Test
    void formValidationAndListBoxModelCarryWhatTheyAreGiven() {
        assertThat(FormValidation.ok().kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(FormValidation.ok("fine").getMessage()).isEqualTo("fine");
        assertThat(FormValidation.warning("careful").kind).isEqualTo(FormValidation.Kind.WARNING);
        FormValidation error = FormValidation.error("timeout must be positive");
        assertThat(error.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(error.getMessage()).isEqualTo("timeout must be positive");

        ListBoxModel model = new ListBoxModel();
        model.add("Cluster A", "a");
        assertThat(model).singleElement().satisfies(o -> {
            assertThat(o.name).isEqualTo("Cluster A");
            assertThat(o.value).isEqualTo("a");
            assertThat(o.selected).isFalse();
        });
        assertThat(new ListBoxModel.Option("same").value).isEqualTo("same");
    }

    @Test
    void constructorsKeepWhatTestFakesNeed() throws Exception {
        KubernetesCloud cloud = new KubernetesCloud("gpu-cluster");
        assertThat(cloud.name).isEqualTo("gpu-cluster");
        assertThat(cloud.getDisplayName()).isEqualTo("gpu-cluster");

        ItemGroup<?> folder = () -> "team/ml";
        SampleJob job = new SampleJob(folder, "train");
        assertThat(job.getFullName()).isEqualTo("team/ml/train");
        assertThat(job.getParent()).isSameAs(folder);
        assertThat(new SampleJob(() -> "", "top").getFullName()).isEqualTo("top");
        assertThat(new SampleRun(job).getParent()).isSameAs(job);
    }

    @Test
    void entryPointsIntoARunningJenkinsFailLoudly() {
        assertThatThrownBy(Jenkins::get).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("compile-only surface");
        assertThatThrownBy(Timer::get).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ExtensionList.lookupSingleton(String.class))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new KubernetesCloud("c").connect()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> PodTemplateUtils.getTemplateByName("t", List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static final String THROWS_IO_INTERRUPTED = " throws java.io.IOException,java.lang.InterruptedException";

    /**
     * Every accessible member of the types added for outputs archiving, fingerprints, keepLog and the Models pages,
     * as {@code toGenericString()} prints it: modifiers, type parameters, return type, parameter types and throws
     * clause, each read off the real source (README.md). For a type declared whole here the list is exact, so no
     * unchecked member can slip in; for a type that had members before, only the new ones are listed.
     */
    private static final Map<Class<?>, List<String>> EXACT_MEMBERS = Map.ofEntries(
            Map.entry(FilePath.class, List.of(
                    "public hudson.FilePath(java.io.File)",
                    "public java.lang.String hudson.FilePath.getRemote()",
                    "public java.lang.String hudson.FilePath.getName()",
                    "public hudson.FilePath hudson.FilePath.child(java.lang.String)",
                    "public hudson.FilePath hudson.FilePath.getParent()",
                    "public hudson.FilePath[] hudson.FilePath.list(java.lang.String)" + THROWS_IO_INTERRUPTED,
                    "public java.io.InputStream hudson.FilePath.read()" + THROWS_IO_INTERRUPTED,
                    "public java.io.OutputStream hudson.FilePath.write()" + THROWS_IO_INTERRUPTED,
                    "public void hudson.FilePath.copyFrom(java.io.InputStream)" + THROWS_IO_INTERRUPTED,
                    "public void hudson.FilePath.mkdirs()" + THROWS_IO_INTERRUPTED,
                    "public boolean hudson.FilePath.exists()" + THROWS_IO_INTERRUPTED,
                    "public boolean hudson.FilePath.isDirectory()" + THROWS_IO_INTERRUPTED,
                    "public long hudson.FilePath.length()" + THROWS_IO_INTERRUPTED,
                    "public void hudson.FilePath.deleteRecursive()" + THROWS_IO_INTERRUPTED,
                    "public java.lang.String hudson.FilePath.digest()" + THROWS_IO_INTERRUPTED)),
            Map.entry(Launcher.class, List.of()),
            Map.entry(BuildListener.class, List.of()),
            Map.entry(BuildListenerAdapter.class, List.of(
                    "public jenkins.util.BuildListenerAdapter(hudson.model.TaskListener)",
                    "public java.io.PrintStream jenkins.util.BuildListenerAdapter.getLogger()",
                    "public static hudson.model.BuildListener jenkins.util.BuildListenerAdapter.wrap(hudson.model.TaskListener)")),
            Map.entry(ArtifactManager.class, List.of(
                    "public jenkins.model.ArtifactManager()",
                    "public abstract void jenkins.model.ArtifactManager.onLoad(hudson.model.Run<?, ?>)",
                    "public abstract void jenkins.model.ArtifactManager.archive(hudson.FilePath,hudson.Launcher,"
                            + "hudson.model.BuildListener,java.util.Map<java.lang.String, java.lang.String>)" + THROWS_IO_INTERRUPTED,
                    "public abstract boolean jenkins.model.ArtifactManager.delete()" + THROWS_IO_INTERRUPTED,
                    "public abstract jenkins.util.VirtualFile jenkins.model.ArtifactManager.root()")),
            Map.entry(VirtualFile.class, List.of(
                    "public jenkins.util.VirtualFile()",
                    "public abstract java.lang.String jenkins.util.VirtualFile.getName()",
                    "public abstract java.net.URI jenkins.util.VirtualFile.toURI()",
                    "public abstract jenkins.util.VirtualFile jenkins.util.VirtualFile.getParent()",
                    "public abstract boolean jenkins.util.VirtualFile.isDirectory() throws java.io.IOException",
                    "public abstract boolean jenkins.util.VirtualFile.isFile() throws java.io.IOException",
                    "public abstract boolean jenkins.util.VirtualFile.exists() throws java.io.IOException",
                    "public abstract jenkins.util.VirtualFile[] jenkins.util.VirtualFile.list() throws java.io.IOException",
                    "public abstract jenkins.util.VirtualFile jenkins.util.VirtualFile.child(java.lang.String)",
                    "public abstract long jenkins.util.VirtualFile.length() throws java.io.IOException",
                    "public abstract long jenkins.util.VirtualFile.lastModified() throws java.io.IOException",
                    "public abstract boolean jenkins.util.VirtualFile.canRead() throws java.io.IOException",
                    "public abstract java.io.InputStream jenkins.util.VirtualFile.open() throws java.io.IOException",
                    "public final int jenkins.util.VirtualFile.compareTo(jenkins.util.VirtualFile)",
                    "public final boolean jenkins.util.VirtualFile.equals(java.lang.Object)",
                    "public final int jenkins.util.VirtualFile.hashCode()")),
            Map.entry(Fingerprint.class, List.of(
                    "public java.lang.String hudson.model.Fingerprint.getDisplayName()",
                    "public java.lang.String hudson.model.Fingerprint.getFileName()",
                    "public java.lang.String hudson.model.Fingerprint.getHashString()",
                    "public void hudson.model.Fingerprint.addFor(hudson.model.Run) throws java.io.IOException",
                    "public java.util.Collection<jenkins.model.FingerprintFacet> hudson.model.Fingerprint.getFacets()",
                    "public synchronized void hudson.model.Fingerprint.save() throws java.io.IOException")),
            Map.entry(FingerprintMap.class, List.of(
                    "public hudson.model.Fingerprint hudson.model.FingerprintMap.getOrCreate(hudson.model.Run,java.lang.String,"
                            + "java.lang.String) throws java.io.IOException")),
            Map.entry(FingerprintFacet.class, List.of(
                    "protected jenkins.model.FingerprintFacet(hudson.model.Fingerprint,long)",
                    "public hudson.model.Fingerprint jenkins.model.FingerprintFacet.getFingerprint()",
                    "public long jenkins.model.FingerprintFacet.getTimestamp()")),
            Map.entry(Fingerprinter.class, List.of()),
            Map.entry(Fingerprinter.FingerprintAction.class, List.of(
                    "public hudson.tasks.Fingerprinter$FingerprintAction(hudson.model.Run,java.util.Map<java.lang.String, java.lang.String>)",
                    "public void hudson.tasks.Fingerprinter$FingerprintAction.add(java.util.Map<java.lang.String, java.lang.String>)",
                    "public java.lang.String hudson.tasks.Fingerprinter$FingerprintAction.getIconFileName()",
                    "public java.lang.String hudson.tasks.Fingerprinter$FingerprintAction.getDisplayName()",
                    "public java.lang.String hudson.tasks.Fingerprinter$FingerprintAction.getUrlName()",
                    "public void hudson.tasks.Fingerprinter$FingerprintAction.onAttached(hudson.model.Run<?, ?>)",
                    "public void hudson.tasks.Fingerprinter$FingerprintAction.onLoad(hudson.model.Run<?, ?>)")),
            Map.entry(TransientActionFactory.class, List.of(
                    "public jenkins.model.TransientActionFactory()",
                    "public abstract java.lang.Class<T> jenkins.model.TransientActionFactory.type()",
                    "public java.lang.Class<? extends hudson.model.Action> jenkins.model.TransientActionFactory.actionType()",
                    "public abstract java.util.Collection<? extends hudson.model.Action> jenkins.model.TransientActionFactory.createFor(T)")),
            Map.entry(RootAction.class, List.of()),
            Map.entry(hudson.model.Cause.class, List.of(
                    "public hudson.model.Cause()",
                    "public abstract java.lang.String hudson.model.Cause.getShortDescription()")),
            Map.entry(hudson.model.Cause.UserIdCause.class, List.of(
                    "public hudson.model.Cause$UserIdCause()",
                    "public hudson.model.Cause$UserIdCause(java.lang.String)",
                    "public java.lang.String hudson.model.Cause$UserIdCause.getUserId()",
                    "public java.lang.String hudson.model.Cause$UserIdCause.getShortDescription()")),
            Map.entry(User.class, List.of(
                    "public static hudson.model.User hudson.model.User.current()",
                    "public java.lang.String hudson.model.User.getId()",
                    "public java.lang.String hudson.model.User.getFullName()")),
            Map.entry(ACL.class, List.of(
                    "public hudson.security.ACL()",
                    "public static final org.springframework.security.core.Authentication hudson.security.ACL.SYSTEM2",
                    "public static hudson.security.ACLContext hudson.security.ACL.as2("
                            + "org.springframework.security.core.Authentication)")),
            // The constructor is package-private in Jenkins too: only ACL.as2 makes one.
            Map.entry(ACLContext.class, List.of(
                    "public void hudson.security.ACLContext.close()")));

    /** New members of types that had members before; these lists are not exhaustive. */
    private static final Map<Class<?>, List<String>> ADDED_MEMBERS = Map.ofEntries(
            Map.entry(Run.class, List.of(
                    "protected long hudson.model.Run.timestamp",
                    "public hudson.model.Result hudson.model.Run.getResult()",
                    "public boolean hudson.model.Run.isBuilding()",
                    "public java.io.File hudson.model.Run.getRootDir()",
                    "public final long hudson.model.Run.getTimeInMillis()",
                    "public final boolean hudson.model.Run.isKeepLog()",
                    "public void hudson.model.Run.keepLog(boolean) throws java.io.IOException",
                    "public final jenkins.model.ArtifactManager hudson.model.Run.getArtifactManager()",
                    "public final synchronized jenkins.model.ArtifactManager hudson.model.Run.pickArtifactManager()"
                            + " throws java.io.IOException",
                    "public static hudson.model.Run<?, ?> hudson.model.Run.fromExternalizableId(java.lang.String)"
                            + " throws java.lang.IllegalArgumentException",
                    "public <T extends hudson.model.Cause> T hudson.model.Run.getCause(java.lang.Class<T>)")),
            Map.entry(Job.class, List.of(
                    "public RunT hudson.model.Job.getBuildByNumber(int)",
                    "public RunT hudson.model.Job.getLastBuild()",
                    "public final java.lang.String hudson.model.Job.getUrl()")),
            Map.entry(Jenkins.class, List.of(
                    "public static final hudson.security.Permission jenkins.model.Jenkins.READ",
                    "public static jenkins.model.Jenkins jenkins.model.Jenkins.getInstanceOrNull()",
                    "public hudson.model.FingerprintMap jenkins.model.Jenkins.getFingerprintMap()",
                    "public hudson.Launcher jenkins.model.Jenkins.createLauncher(hudson.model.TaskListener)",
                    "public java.io.File jenkins.model.Jenkins.getRootDir()",
                    "public <T extends hudson.model.Item> T jenkins.model.Jenkins.getItemByFullName(java.lang.String,"
                            + "java.lang.Class<T>)",
                    "public static org.springframework.security.core.Authentication"
                            + " jenkins.model.Jenkins.getAuthentication2()")),
            Map.entry(hudson.model.Item.class, List.of(
                    "public static final hudson.security.Permission hudson.model.Item.CONFIGURE",
                    "public static final hudson.security.Permission hudson.model.Item.READ",
                    "public static final hudson.security.Permission hudson.model.Item.BUILD")));

    @Test
    void typesDeclaredWholeHaveExactlyTheCheckedMembers() {
        for (Map.Entry<Class<?>, List<String>> e : EXACT_MEMBERS.entrySet()) {
            assertThat(accessibleMembers(e.getKey())).as(e.getKey().getName())
                    .containsExactlyInAnyOrderElementsOf(e.getValue());
        }
        // The reference notes claimed a Fingerprint.add(FingerprintFacet); the real way is getFacets().add(facet).
        assertThat(Stream.of(Fingerprint.class.getMethods()).map(Method::getName)).doesNotContain("add");
    }

    @Test
    void typesThatGrewHaveTheCheckedNewMembers() {
        for (Map.Entry<Class<?>, List<String>> e : ADDED_MEMBERS.entrySet()) {
            assertThat(accessibleMembers(e.getKey())).as(e.getKey().getName()).containsAll(e.getValue());
        }
    }

    @Test
    void typesOnlyJenkinsMakesHaveNoConstructorThePluginCouldCall() {
        for (Class<?> type : List.of(Launcher.class, Fingerprint.class, FingerprintMap.class, User.class, Fingerprinter.class)) {
            assertThat(type.getDeclaredConstructors()).as(type.getName()).allSatisfy(
                    c -> assertThat(Modifier.isPrivate(c.getModifiers())).as(c.toGenericString()).isTrue());
        }
    }

    @Test
    void buildListenerAdapterWrapsOnlyWhatIsNotYetABuildListener() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        TaskListener plain = () -> out;

        BuildListener wrapped = BuildListenerAdapter.wrap(plain);
        assertThat(wrapped).isInstanceOf(BuildListenerAdapter.class);
        assertThat(wrapped.getLogger()).isSameAs(out);
        assertThat(BuildListenerAdapter.wrap(wrapped)).isSameAs(wrapped);
        BuildListener already = () -> out;
        assertThat(BuildListenerAdapter.wrap(already)).isSameAs(already);
        assertThat(new BuildListenerAdapter(plain).getLogger()).isSameAs(out);
    }

    @Test
    void runKeepsItsTimestampAndKeepLogFlagForFakesAndLeavesArtifactManagersToJenkins() throws Exception {
        SampleJob job = new SampleJob(() -> "", "train");
        long before = System.currentTimeMillis();
        SampleRun run = new SampleRun(job);
        long after = System.currentTimeMillis();
        assertThat(run.getTimeInMillis()).isBetween(before, after);
        run.startedAt(1_700_000_000_000L);
        assertThat(run.getTimeInMillis()).isEqualTo(1_700_000_000_000L);

        assertThat(run.isKeepLog()).isFalse();
        run.keepLog(true);
        assertThat(run.isKeepLog()).isTrue();
        run.keepLog(false);
        assertThat(run.isKeepLog()).isFalse();

        assertThatThrownBy(run::getArtifactManager).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(run::pickArtifactManager).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(run::getResult).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Run.fromExternalizableId("team/train#1")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(job::getUrl).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(job::getLastBuild).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void filePathKeepsTheLocalPathItWasGivenAndLeavesFileOperationsToJenkins() throws Exception {
        java.io.File dir = new java.io.File("build", "outputs");
        FilePath path = new FilePath(dir);
        assertThat(path.getRemote()).isEqualTo(dir.getPath());
        assertThatThrownBy(path::exists).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> path.child("model.bin")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(path::digest).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> path.list("**/*")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void virtualFilesOrderByNameIgnoringCaseAndAreEqualByUri() {
        VirtualFile upper = new NamedFile("Model.bin", URI.create("file:/a/Model.bin"));
        VirtualFile lower = new NamedFile("metrics.json", URI.create("file:/a/metrics.json"));
        VirtualFile sameUri = new NamedFile("other-name", URI.create("file:/a/Model.bin"));
        assertThat(Stream.of(upper, lower).sorted()).containsExactly(lower, upper);
        assertThat(upper.compareTo(new NamedFile("model.BIN", URI.create("file:/b")))).isZero();
        assertThat(upper).isEqualTo(sameUri).hasSameHashCodeAs(sameUri).isNotEqualTo(lower);
        assertThat(upper.equals("file:/a/Model.bin")).isFalse();
    }

    @Test
    void facetsKeepTheirFingerprintAndTimestampAndFactoriesDefaultToAnyAction() throws Exception {
        java.lang.reflect.Constructor<Fingerprint> privateConstructor = Fingerprint.class.getDeclaredConstructor();
        privateConstructor.setAccessible(true);
        Fingerprint fingerprint = privateConstructor.newInstance();
        FingerprintFacet facet = new FingerprintFacet(fingerprint, 1_700_000_000_000L) {
        };
        assertThat(facet.getFingerprint()).isSameAs(fingerprint);
        assertThat(facet.getTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThatThrownBy(fingerprint::getFacets).isInstanceOf(UnsupportedOperationException.class);

        TransientActionFactory<Job> factory = new TransientActionFactory<>() {
            @Override
            public Class<Job> type() {
                return Job.class;
            }

            @Override
            public Collection<? extends hudson.model.Action> createFor(Job target) {
                return List.of();
            }
        };
        assertThat(factory.actionType()).isEqualTo(hudson.model.Action.class);
    }

    @Test
    void fingerprintActionCanBeAttachedAndGrownWhileJenkinsAloneRendersIt() throws Exception {
        SampleRun run = new SampleRun(new SampleJob(() -> "", "train"));
        Fingerprinter.FingerprintAction action = new Fingerprinter.FingerprintAction(run,
                Map.of("model.bin", "0123456789abcdef0123456789abcdef"));
        action.add(Map.of("metrics.json", "fedcba9876543210fedcba9876543210"));
        action.onAttached(run);
        action.onLoad(run);
        assertThatThrownBy(action::getUrlName).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void newEntryPointsIntoARunningJenkinsAnswerAsWithoutJenkins() {
        assertThat(Jenkins.getInstanceOrNull()).as("no Jenkins is running").isNull();
        assertThatThrownBy(User::current).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aclContextIsAutoCloseableWithoutACheckedExceptionAndSystemIsARealObject() throws Exception {
        assertThat(ACLContext.class.getInterfaces()).containsExactly(AutoCloseable.class);
        assertThat(ACLContext.class.getMethod("close").getExceptionTypes()).isEmpty();
        assertThat(ACL.class.getField("SYSTEM2").getType()).isEqualTo(Authentication.class);
        assertThat(ACL.SYSTEM2).isInstanceOf(UsernamePasswordAuthenticationToken.class);
        assertThat(ACL.SYSTEM2.getName()).isEqualTo("SYSTEM");
    }

    @Test
    void withoutASecurityContextTheThreadIsAnonymous() throws Exception {
        Authentication[] seen = new Authentication[1];
        Thread fresh = new Thread(() -> seen[0] = Jenkins.getAuthentication2());
        fresh.start();
        fresh.join();
        assertThat(seen[0]).isInstanceOf(AnonymousAuthenticationToken.class);
        assertThat(seen[0].getName()).isEqualTo("anonymous");
        assertThat(seen[0].getAuthorities()).extracting(Object::toString).containsExactly("anonymous");
    }

    @Test
    void as2InstallsTheAuthenticationUntilClosedThenRestoresThePreviousContextEvenWhenNested() {
        Authentication alice = new UsernamePasswordAuthenticationToken("alice", "secret");
        SecurityContext before = SecurityContextHolder.getContext();
        try (ACLContext outer = ACL.as2(alice)) {
            assertThat(Jenkins.getAuthentication2()).isSameAs(alice);
            try (ACLContext inner = ACL.as2(ACL.SYSTEM2)) {
                assertThat(Jenkins.getAuthentication2()).isSameAs(ACL.SYSTEM2);
            }
            assertThat(Jenkins.getAuthentication2()).as("inner close restores the outer").isSameAs(alice);
        }
        assertThat(SecurityContextHolder.getContext()).as("outer close restores the original").isSameAs(before);
        assertThat(Jenkins.getAuthentication2()).isInstanceOf(AnonymousAuthenticationToken.class);
    }

    @Test
    void as2ChangesOnlyTheCallingThread() throws Exception {
        Authentication[] seen = new Authentication[1];
        try (ACLContext ignored = ACL.as2(new UsernamePasswordAuthenticationToken("alice", "secret"))) {
            Thread other = new Thread(() -> seen[0] = Jenkins.getAuthentication2());
            other.start();
            other.join();
        }
        assertThat(seen[0]).isInstanceOf(AnonymousAuthenticationToken.class);
    }

    // ---- helpers ----

    /** Public and protected constructors, methods and fields a type declares itself (no synthetic bridges). */
    private static List<String> accessibleMembers(Class<?> type) {
        Stream<java.lang.reflect.Member> members = Stream.of(
                Stream.<java.lang.reflect.Member>of(type.getDeclaredConstructors()),
                Stream.<java.lang.reflect.Member>of(type.getDeclaredMethods()),
                Stream.<java.lang.reflect.Member>of(type.getDeclaredFields())).flatMap(m -> m);
        return members
                .filter(m -> !m.isSynthetic())
                .filter(m -> Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()))
                .map(m -> m instanceof java.lang.reflect.Executable x ? x.toGenericString() : ((Field) m).toGenericString())
                .collect(Collectors.toList());
    }

    private static List<Path> sourceFiles() throws IOException {
        assertThat(SOURCES).as("run from the module directory").isDirectory();
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    private static List<String> declaredTypeNames() throws IOException {
        return sourceFiles().stream()
                .map(p -> SOURCES.relativize(p).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.java$", ""))
                .collect(Collectors.toList());
    }

    private static Kind kindOf(Class<?> c) {
        int m = c.getModifiers();
        if (c.isAnnotation()) {
            return Kind.ANNOTATION;
        } else if (c.isInterface()) {
            return Kind.INTERFACE;
        } else if (c.isEnum()) {
            return Kind.ENUM;
        } else if (Modifier.isAbstract(m)) {
            return Kind.ABSTRACT_CLASS;
        } else if (Modifier.isFinal(m)) {
            return Kind.FINAL_CLASS;
        }
        return Kind.CLASS;
    }

    private static void assertRetainedAtRuntime(Class<? extends Annotation> type, ElementType... targets) {
        Retention retention = type.getAnnotation(Retention.class);
        assertThat(retention).as(type.getName() + " has @Retention").isNotNull();
        assertThat(retention.value()).as(type.getName() + " retention").isEqualTo(RetentionPolicy.RUNTIME);
        assertThat(type.getAnnotation(Target.class).value()).as(type.getName() + " targets").containsExactlyInAnyOrder(targets);
        assertThat(type.isAnnotationPresent(java.lang.annotation.Documented.class)).as(type.getName() + " @Documented").isTrue();
    }

    private static void assertMember(Class<?> owner, String name, List<Class<?>> parameters, Class<?> returnType,
            int requiredModifiers, Class<?>... checkedExceptions) throws NoSuchMethodException {
        Method method = owner.getDeclaredMethod(name, parameters.toArray(new Class<?>[0]));
        String what = owner.getSimpleName() + "." + name;
        assertThat(method.getReturnType()).as(what + " return type").isEqualTo(returnType);
        assertThat(Modifier.isPublic(method.getModifiers())).as(what + " is public").isTrue();
        assertThat(method.getModifiers() & requiredModifiers).as(what + " modifiers").isEqualTo(requiredModifiers);
        // static decides invokestatic vs invokevirtual: a wrong one fails to link, so it must match in both directions.
        assertThat(Modifier.isStatic(method.getModifiers())).as(what + " is static")
                .isEqualTo((requiredModifiers & Modifier.STATIC) != 0);
        List<Class<?>> checked = Stream.of(method.getExceptionTypes())
                .filter(x -> !RuntimeException.class.isAssignableFrom(x) && !Error.class.isAssignableFrom(x))
                .collect(Collectors.toList());
        assertThat(checked).as(what + " checked exceptions").containsExactlyInAnyOrder(checkedExceptions);
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Extension
    @Symbol("sample")
    public static final class Annotated {
        // SezPoz's processor insists on it for an @Extension class: evidence that @Indexable is seen by javac.
        public Annotated() {
        }

        @DataBoundConstructor
        public Annotated(String image) {
        }

        @DataBoundSetter
        public void setName(String name) {
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            return FormValidation.ok();
        }
    }

    private static final class Cause extends CauseOfInterruption {
        private final String text;

        Cause(String text) {
            this.text = text;
        }

        @Override
        public String getShortDescription() {
            return text;
        }
    }

    private static final class RecordingContext extends StepContext {
        Throwable failure;

        @Override
        public <T> T get(Class<T> key) {
            return null;
        }

        @Override
        public void onSuccess(Object result) {
        }

        @Override
        public void onFailure(Throwable t) {
            failure = t;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public ListenableFuture<Void> saveState() {
            return null;
        }

        @Override
        public void setResult(Result r) {
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private static final class SampleJob extends Job<SampleJob, SampleRun> {
        SampleJob(ItemGroup<?> parent, String name) {
            super(parent, name);
        }
    }

    private static final class SampleRun extends Run<SampleJob, SampleRun> {
        SampleRun(SampleJob job) throws IOException {
            super(job);
        }

        /** What a fake does to fix the time the final getTimeInMillis() reports. */
        void startedAt(long millis) {
            timestamp = millis;
        }
    }

    private static final class NamedFile extends VirtualFile {
        private final String name;
        private final URI uri;

        NamedFile(String name, URI uri) {
            this.name = name;
            this.uri = uri;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public URI toURI() {
            return uri;
        }

        @Override
        public VirtualFile getParent() {
            return null;
        }

        @Override
        public boolean isDirectory() {
            return false;
        }

        @Override
        public boolean isFile() {
            return true;
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public VirtualFile[] list() {
            return new VirtualFile[0];
        }

        @Override
        public VirtualFile child(String childName) {
            return new NamedFile(childName, uri.resolve(childName));
        }

        @Override
        public long length() {
            return 0;
        }

        @Override
        public long lastModified() {
            return 0;
        }

        @Override
        public boolean canRead() {
            return true;
        }

        @Override
        public java.io.InputStream open() {
            return new ByteArrayInputStream(new byte[0]);
        }
    }

    @Test
    void cloudsFieldHasTheRealDeclaredTypeAndChain() throws Exception {
        java.lang.reflect.Field clouds = jenkins.model.Jenkins.class.getField("clouds");
        // The getfield descriptor names the declared type: it must be the legacy nested class, as in Jenkins.java.
        assertThat(clouds.getType()).isEqualTo(hudson.model.Hudson.CloudList.class);
        assertThat(java.lang.reflect.Modifier.isFinal(clouds.getModifiers())).isTrue();
        assertThat(hudson.model.Hudson.CloudList.class.getSuperclass()).isEqualTo(jenkins.model.Jenkins.CloudList.class);
        assertThat(jenkins.model.Jenkins.CloudList.class.getSuperclass()).isEqualTo(hudson.util.DescribableList.class);
        assertThat(hudson.util.DescribableList.class.getSuperclass()).isEqualTo(hudson.util.PersistedList.class);
        assertThat(hudson.util.PersistedList.class.getMethod("get", Class.class).getReturnType()).isEqualTo(Object.class);
    }
}
