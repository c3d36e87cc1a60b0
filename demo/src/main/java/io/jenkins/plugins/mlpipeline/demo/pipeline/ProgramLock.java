package io.jenkins.plugins.mlpipeline.demo.pipeline;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pipeline runs a build's Groovy code on one thread (the CPS VM thread) while the steps' work proceeds
 * concurrently; parallel branches interleave only where a step waits. This lock plays that thread: a branch holds it
 * while its Groovy code runs and lets go while it waits for a step, so a Jenkinsfile that fills a plain map from
 * several branches (idiomatic in Jenkins) is safe here too, yet the ML steps of different branches run at once.
 */
final class ProgramLock {

    private final ReentrantLock lock = new ReentrantLock(true);

    void acquire() {
        lock.lock();
    }

    void release() {
        lock.unlock();
    }

    /** Runs {@code waiting} without the lock (however many times this thread holds it), then takes it back. */
    <T> T outside(Callable<T> waiting) throws Exception {
        int holds = lock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            lock.unlock();
        }
        try {
            return waiting.call();
        } finally {
            for (int i = 0; i < holds; i++) {
                lock.lock();
            }
        }
    }
}
