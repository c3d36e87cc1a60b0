package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.io.IOException;
import java.io.Serializable;

/**
 * What a running step can reach (Run, TaskListener, ...) and how it reports its outcome
 * ({@code onSuccess}/{@code onFailure} from Guava's FutureCallback).
 *
 * <p>Checked against: jenkinsci/workflow-step-api-plugin:src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java
 * (public abstract class implements FutureCallback&lt;Object&gt;, Serializable; no explicit constructor, so the
 * implicit one is public; abstract &lt;T&gt; T get(Class&lt;T&gt;) throws IOException, InterruptedException; abstract void
 * onSuccess(Object); abstract boolean isReady(); abstract ListenableFuture&lt;Void&gt; saveState(); abstract void
 * setResult(Result); abstract boolean equals(Object); abstract int hashCode()). The real abstract newBodyInvoker()
 * and hasBody() (block steps only) are not declared.
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);

    public abstract boolean isReady();

    public abstract ListenableFuture<Void> saveState();

    public abstract void setResult(Result r);

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();
}
