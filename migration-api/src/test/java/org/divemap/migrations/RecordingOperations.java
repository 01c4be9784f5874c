package org.divemap.migrations;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link Operations} for tests of its default methods: it runs default methods as written and
 * records every call to an abstract method as {@code [name, arguments...]}.
 */
final class RecordingOperations implements InvocationHandler {

    private final List<List<Object>> calls = new ArrayList<>();
    private final NamingConvention convention;
    private Operations proxy;

    private RecordingOperations(NamingConvention convention) {
        this.convention = convention;
    }

    static RecordingOperations create() {
        return create(NamingConvention.DEFAULT);
    }

    static RecordingOperations create(NamingConvention convention) {
        RecordingOperations recorder = new RecordingOperations(convention);
        recorder.proxy = (Operations) Proxy.newProxyInstance(Operations.class.getClassLoader(),
                new Class<?>[] {Operations.class}, recorder);
        return recorder;
    }

    Operations operations() {
        return proxy;
    }

    /** The abstract calls made so far, each as {@code [method name, arguments...]}. */
    List<List<Object>> calls() {
        return calls;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(self, method, args);
        }
        switch (method.getName()) {
            case "namingConvention":
                return convention;
            case "toString":
                return "RecordingOperations";
            case "hashCode":
                return System.identityHashCode(self);
            case "equals":
                return self == args[0];
            default:
                List<Object> call = new ArrayList<>();
                call.add(method.getName());
                if (args != null) {
                    call.addAll(Arrays.asList(args));
                }
                calls.add(call);
                return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
        }
    }
}
