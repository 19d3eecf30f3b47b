package dev.orchestrator.gate.selftest;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;

/**
 * For a self-test that needs this machine's own engine and network (an engine offered over TCP or SSH, runs in this JVM,
 * two runs on one engine, signals to process groups): each of its tests runs holding lane 0, which no other run takes
 * meanwhile; the other lanes go on.
 */
final class OnThisMachinesEngine implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context, ExtensionContext extension) throws Throwable {
        holding(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context, ExtensionContext extension)
            throws Throwable {
        holding(invocation);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> context, ExtensionContext extension)
            throws Throwable {
        Throwable[] thrown = {null};
        T made = Lanes.shared().onThisMachinesEngine(lane -> {
            try {
                return invocation.proceed();
            } catch (Throwable t) {
                thrown[0] = t;
                return null;
            }
        });
        if (thrown[0] != null) {
            throw thrown[0];
        }
        return made;
    }

    private static void holding(Invocation<Void> invocation) throws Throwable {
        Throwable failure = Lanes.shared().onThisMachinesEngine(lane -> {
            try {
                invocation.proceed();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        if (failure != null) {
            throw failure;
        }
    }
}
