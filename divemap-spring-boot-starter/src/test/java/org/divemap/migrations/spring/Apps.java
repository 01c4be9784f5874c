package org.divemap.migrations.spring;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.spring.app.SitesApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/** Starts the test service, {@link SitesApplication}, for real: {@code SpringApplication.run}, no test slices. */
final class Apps {

    private Apps() {}

    /** A start of the service on {@code db}, with these properties on top. */
    static Start on(TestDatabase db) {
        return new Start(db);
    }

    static final class Start {
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final Map<String, Object> beans = new LinkedHashMap<>();
        private WebApplicationType web = WebApplicationType.NONE;
        private ClassLoader classLoader;
        private final List<Class<?>> sources = new java.util.ArrayList<>();

        Start(TestDatabase db) {
            properties.putAll(db.dataSourceProperties());
            properties.put("spring.jpa.hibernate.ddl-auto", "validate");
            properties.put("spring.jpa.open-in-view", "false");
            properties.put("spring.main.banner-mode", "off");
            properties.put("logging.level.root", "WARN");
            properties.put("logging.level.org.divemap", "INFO");
        }

        Start with(String key, Object value) {
            properties.put(key, value);
            return this;
        }

        Start without(String key) {
            properties.remove(key);
            return this;
        }

        /** Registers {@code bean} as a singleton before the context refreshes. */
        Start bean(String name, Object bean) {
            beans.put(name, bean);
            return this;
        }

        Start web() {
            web = WebApplicationType.SERVLET;
            properties.put("server.port", "0");
            return this;
        }

        /** Adds a configuration class of the test's to the application. */
        Start source(Class<?> source) {
            sources.add(source);
            return this;
        }

        /** Makes {@code ServiceLoader} see {@code registry} instead of the generated registry. */
        Start registry(Class<? extends RevisionRegistry> registry) {
            classLoader = new ServiceOverride(Apps.class.getClassLoader(), registry);
            return this;
        }

        ConfigurableApplicationContext run() {
            SpringApplicationBuilder builder = new SpringApplicationBuilder(SitesApplication.class)
                    .web(web).properties(properties).initializers(context -> beans.forEach(
                            (name, bean) -> context.getBeanFactory().registerSingleton(name, bean)));
            if (!sources.isEmpty()) {
                builder.sources(sources.toArray(Class<?>[]::new));
            }
            if (classLoader != null) {
                builder.resourceLoader(new DefaultResourceLoader(classLoader));
            }
            return builder.run();
        }
    }

    /** A class loader whose service file for {@link RevisionRegistry} names one given registry. */
    private static final class ServiceOverride extends ClassLoader {
        private static final String SERVICE = "META-INF/services/" + RevisionRegistry.class.getName();
        private final URL serviceFile;

        ServiceOverride(ClassLoader parent, Class<? extends RevisionRegistry> registry) {
            super(parent);
            try {
                java.nio.file.Path file = java.nio.file.Files.createTempFile("divemap-registry", ".txt");
                file.toFile().deleteOnExit();
                java.nio.file.Files.writeString(file, registry.getName() + "\n");
                this.serviceFile = file.toUri().toURL();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.equals(SERVICE) ? Collections.enumeration(List.of(serviceFile)) : super.getResources(name);
        }
    }
}
