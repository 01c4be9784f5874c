package org.divemap.migrations.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The floor for any annotation processor that generates a source file: it claims nothing, reads
 * nothing and writes one empty class in the first round. javac then starts a second round and
 * enters every class again; {@link ProcessorOverhead} reports that cost beside ours.
 */
public final class OneFileProcessor extends AbstractProcessor {

    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("org.divemap.migrations.Revision");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (!written && !round.processingOver()) {
            written = true;
            try (Writer writer = processingEnv.getFiler().createSourceFile("bench.migrations.Empty").openWriter()) {
                writer.write("package bench.migrations;\nfinal class Empty {}\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
