package io.jenkins.plugins.mlpipeline.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlpipeline.outputs.OutputLimits;
import io.jenkins.plugins.mlpipeline.spec.AllowedImages;
import io.jenkins.plugins.mlpipeline.spec.ByteLimits;
import io.jenkins.plugins.mlpipeline.spec.DurationText;
import java.time.Duration;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Global settings of the ML Pipeline steps (Manage Jenkins > System), also settable with Configuration as Code
 * under {@code unclassified: mlPipeline:}. Durations are stored as written ({@code 24h}) so the form shows what
 * the administrator typed.
 */
@Extension
@Symbol("mlPipeline")
public class MlPipelineConfiguration extends GlobalConfiguration {

    private String defaultCloud;
    private String defaultNamespace;
    private String defaultTimeout;
    private String imagePullGrace;
    private String pendingTimeout;
    private String allowedImages;
    private boolean restrictedPodSecurity = true;
    private String outputsImage;
    private String outputsMaxBytes;
    private int outputsMaxFiles;

    public MlPipelineConfiguration() {
        load();
    }

    public static MlPipelineConfiguration get() {
        return ExtensionList.lookupSingleton(MlPipelineConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return "ML Pipeline";
    }

    /**
     * The settings as the steps use them; a value that does not parse (written to the XML by hand) falls back to
     * the built-in default rather than breaking every build.
     */
    public PipelineDefaults toDefaults() {
        PipelineDefaults builtIn = PipelineDefaults.builtIn();
        return new PipelineDefaults(blankToNull(defaultCloud), blankToNull(defaultNamespace),
                durationOr("defaultTimeout", defaultTimeout, builtIn.defaultTimeout()),
                durationOr("imagePullGrace", imagePullGrace, builtIn.imagePullGrace()),
                durationOr("pendingTimeout", pendingTimeout, builtIn.pendingTimeout()),
                blankToNull(allowedImages), restrictedPodSecurity,
                outputsImage == null ? builtIn.outputsImage() : outputsImage,
                new OutputLimits(bytesOr(outputsMaxBytes, builtIn.outputLimits().maxBytes()),
                        outputsMaxFiles > 0 ? outputsMaxFiles : builtIn.outputLimits().maxFiles()));
    }

    public String getDefaultCloud() {
        return defaultCloud;
    }

    @DataBoundSetter
    public void setDefaultCloud(String defaultCloud) {
        this.defaultCloud = blankToNull(defaultCloud);
        save();
    }

    public String getDefaultNamespace() {
        return defaultNamespace;
    }

    @DataBoundSetter
    public void setDefaultNamespace(String defaultNamespace) {
        this.defaultNamespace = blankToNull(defaultNamespace);
        save();
    }

    public String getDefaultTimeout() {
        return defaultTimeout;
    }

    @DataBoundSetter
    public void setDefaultTimeout(String defaultTimeout) {
        this.defaultTimeout = checkedDuration("defaultTimeout", defaultTimeout);
        save();
    }

    public String getImagePullGrace() {
        return imagePullGrace;
    }

    @DataBoundSetter
    public void setImagePullGrace(String imagePullGrace) {
        this.imagePullGrace = checkedDuration("imagePullGrace", imagePullGrace);
        save();
    }

    public String getPendingTimeout() {
        return pendingTimeout;
    }

    @DataBoundSetter
    public void setPendingTimeout(String pendingTimeout) {
        this.pendingTimeout = checkedDuration("pendingTimeout", pendingTimeout);
        save();
    }

    public String getAllowedImages() {
        return allowedImages;
    }

    @DataBoundSetter
    public void setAllowedImages(String allowedImages) {
        AllowedImages.of(allowedImages);
        this.allowedImages = blankToNull(allowedImages);
        save();
    }

    public boolean isRestrictedPodSecurity() {
        return restrictedPodSecurity;
    }

    @DataBoundSetter
    public void setRestrictedPodSecurity(boolean restrictedPodSecurity) {
        this.restrictedPodSecurity = restrictedPodSecurity;
        save();
    }

    public String getOutputsImage() {
        return outputsImage;
    }

    /** Image of the output sidecar (needs sh, sleep, kill and tar); blank for busybox. */
    @DataBoundSetter
    public void setOutputsImage(String outputsImage) {
        this.outputsImage = blankToNull(outputsImage);
        save();
    }

    public String getOutputsMaxBytes() {
        return outputsMaxBytes;
    }

    /** A Kubernetes quantity of bytes ({@code 10Gi}, {@code 500M}); blank for 10Gi. */
    @DataBoundSetter
    public void setOutputsMaxBytes(String outputsMaxBytes) {
        String text = blankToNull(outputsMaxBytes);
        if (text != null) {
            ByteLimits.parse("outputsMaxBytes", text);
        }
        this.outputsMaxBytes = text;
        save();
    }

    public int getOutputsMaxFiles() {
        return outputsMaxFiles;
    }

    /** Zero for the built-in 100,000. */
    @DataBoundSetter
    public void setOutputsMaxFiles(int outputsMaxFiles) {
        if (outputsMaxFiles < 0) {
            throw new IllegalArgumentException("outputsMaxFiles: must be 0 (built-in 100,000) or positive, got "
                    + outputsMaxFiles);
        }
        this.outputsMaxFiles = outputsMaxFiles;
        save();
    }

    @POST
    public FormValidation doCheckOutputsMaxBytes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            ByteLimits.parse("outputsMaxBytes", value.trim());
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckAllowedImages(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return AllowedImages.problem(value).map(FormValidation::error).orElse(FormValidation.ok());
    }

    @POST
    public FormValidation doCheckDefaultTimeout(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return durationCheck("defaultTimeout", value);
    }

    @POST
    public FormValidation doCheckImagePullGrace(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return durationCheck("imagePullGrace", value);
    }

    @POST
    public FormValidation doCheckPendingTimeout(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return durationCheck("pendingTimeout", value);
    }

    static FormValidation durationCheck(String field, String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            DurationText.parse(field, value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    private static String checkedDuration(String field, String value) {
        String text = blankToNull(value);
        if (text != null) {
            DurationText.parse(field, text);
        }
        return text;
    }

    private static Duration durationOr(String field, String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return DurationText.parse(field, text);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static long bytesOr(String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return ByteLimits.parse("outputsMaxBytes", text);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
