package org.divemap.migrations.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.autogenerate.AutogenerateException;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.Redaction;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;
import org.divemap.migrations.runtime.frontend.ProjectClassLoader;
import org.divemap.migrations.runtime.frontend.ResolvedSettings;
import org.divemap.migrations.runtime.frontend.Setting;
import org.divemap.migrations.runtime.frontend.Texts;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * Runs a command: resolves the settings (options, then the environment, then the properties file,
 * as the Maven plugin does), loads the application's classes, prints progress on standard error,
 * and turns the result or the failure into text or one JSON document and an exit code.
 */
abstract class BaseCommand implements Callable<Integer> {

    /** The service file the annotation processor writes beside the registry. */
    static final String REGISTRY_SERVICE = "META-INF/services/" + RevisionRegistry.class.getName();

    /** How the command line names its commands in what it prints. */
    static final Texts TEXTS = new Texts("divemap ");

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The resolved settings, once known. */
    ResolvedSettings settings;

    /** Whether the command reads the URL and the credentials. */
    ConfigurationResolver.Connect connect() {
        return ConfigurationResolver.Connect.ALWAYS;
    }

    /** The settings this command's options give; commands with options of their own add them. */
    Map<Setting, String> options() {
        return common.settings();
    }

    /** Does the work; returns the JSON document's fields and prints text unless in JSON mode. */
    abstract Map<String, Object> work(Divemap divemap, PrintWriter out);

    /** Adds what this command needs to the configuration; {@code loader} holds the application's classes. */
    void configure(Configuration configuration, ClassLoader loader) {
    }

    /** The exit code once {@link #work} succeeded (check may fail without an exception). */
    int exitCode() {
        return 0;
    }

    /** Resolves the settings of this command line in this environment; warnings go to {@code warnings}. */
    ResolvedSettings resolve(Map<String, String> environment, Consumer<String> warnings) {
        PropertiesFile file = common.propertiesFile();
        file.warnings().forEach(warnings);
        return ConfigurationResolver.resolve(new ConfigurationResolver.Source(options(), Setting::option), environment,
                file.source(), null, connect());
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> progress = line -> {
            err.println(line);
            err.flush();
        };
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("command", spec.name());
        try (ProjectClassLoader classes = ProjectClassLoader.open(common.classPath(),
                DivemapCli.class.getClassLoader())) {
            if (ServiceLoader.load(RevisionRegistry.class, classes.loader()).stream().findAny().isEmpty()) {
                throw new DivemapException(DivemapException.Kind.CONFIGURATION, noRegistry(common.classpath));
            }
            settings = resolve(System.getenv(), progress);
            Configuration configuration = settings.applyTo(Divemap.configure().classLoader(classes.loader())
                    .listener(TEXTS.progress(progress)));
            configure(configuration, classes.loader());
            try (Divemap divemap = configuration.load()) {
                PrintWriter text = common.json ? new PrintWriter(PrintWriter.nullWriter()) : out;
                Map<String, Object> result = work(divemap, text);
                int code = exitCode();
                document.put("ok", code == 0);
                document.putAll(result);
                document.put("exitCode", code);
                if (common.json) {
                    out.println(Json.write(document));
                }
                out.flush();
                return code;
            }
        } catch (SafeProcedure.BackupFailed e) {
            return fail(document, out, err, "BACKUP_FAILED", e.getMessage(), DivemapCli.BACKUP_FAILED);
        } catch (DivemapException e) {
            return fail(document, out, err, e.kind().name(), e.getMessage(), DivemapCli.exitCode(e.kind()));
        } catch (AutogenerateException e) {
            return fail(document, out, err, "AUTOGENERATE", e.getMessage(), DivemapCli.USAGE);
        } catch (RuntimeException e) {
            // masked like every other message: a driver or a parser may quote the URL
            return fail(document, out, err, "INTERNAL", Redaction.text(String.valueOf(e),
                    settings == null ? common.password : settings.password(),
                    settings == null ? common.url : settings.url()), DivemapCli.MIGRATION_FAILED);
        }
    }

    /** Why no registry was found: what {@code --classpath} named, and what it must name. */
    static String noRegistry(List<String> classpath) {
        return "No revision registry found in --classpath (" + (classpath.isEmpty() ? "not given"
                : String.join(", ", classpath)) + "): " + (classpath.isEmpty() ? ""
                : classpath.size() == 1 ? "it holds no " + REGISTRY_SERVICE + ". "
                : "none of them holds " + REGISTRY_SERVICE + ". ")
                + "Name the application's jar or its compiled classes with --classpath (for example --classpath"
                + " app.jar, or --classpath target/classes), built with migration-processor in"
                + " maven-compiler-plugin's annotationProcessorPaths, which generates the registry.";
    }

    private int fail(Map<String, Object> document, PrintWriter out, PrintWriter err, String kind, String message,
            int code) {
        document.put("ok", false);
        document.put("error", Map.of("kind", kind, "message", message));
        document.put("exitCode", code);
        if (common.json) {
            out.println(Json.write(document));
            out.flush();
        } else {
            err.println("divemap " + spec.name() + " failed: " + message);
            err.flush();
        }
        return code;
    }
}
