package org.divemap.migrations.processor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The digest of a migration's source: SHA-256 of the tokens of the file that declares it, comments
 * and layout left out. It changes when the code changes, and only then: an edit to a comment or to
 * the indentation keeps it, whatever the migration renders at run time (which, for a migration that
 * reads the live schema, differs between a database and an offline script). The history table keeps
 * it, and {@code check} and {@code upgrade} compare it.
 */
final class SourceDigest {

    private final ProcessingEnvironment environment;
    private Object trees;
    private boolean unavailable;

    SourceDigest(ProcessingEnvironment environment) {
        this.environment = environment;
    }

    /** The digest of {@code type}'s file, or null when the compiler does not give sources (not javac). */
    String of(TypeElement type) {
        CharSequence source = source(type);
        return source == null ? null : digest(normalized(source));
    }

    private CharSequence source(TypeElement type) {
        if (unavailable) {
            return null;
        }
        try {
            if (trees == null) {
                trees = com.sun.source.util.Trees.instance(environment);
            }
            Element outer = type;
            while (outer.getEnclosingElement() instanceof TypeElement enclosing) {
                outer = enclosing;
            }
            com.sun.source.util.TreePath path = ((com.sun.source.util.Trees) trees).getPath(outer);
            return path == null ? null : path.getCompilationUnit().getSourceFile().getCharContent(true);
        } catch (IOException | IllegalArgumentException | LinkageError e) {
            unavailable = true; // another compiler (Eclipse's), or no javac API: no digest
            return null;
        }
    }

    /**
     * The tokens of {@code source}: comments removed, each run of blanks removed, or kept as one
     * space where the characters around it could otherwise read as one token (two words, two
     * operators); literals kept exactly as written.
     */
    static String normalized(CharSequence text) {
        String source = text.toString(); // one copy: charAt on javac's CharBuffer costs more than the copy
        StringBuilder out = new StringBuilder(source.length());
        int n = source.length();
        int i = 0;
        boolean pendingSpace = false;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n' && source.charAt(i) != '\r') {
                    i++;
                }
                pendingSpace = true;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                pendingSpace = true;
            } else if (Character.isWhitespace(c)) {
                i++;
                pendingSpace = true;
            } else {
                if (pendingSpace && out.length() > 0 && mayJoin(out.charAt(out.length() - 1), c)) {
                    out.append(' ');
                }
                pendingSpace = false;
                if (c == '"' && i + 2 < n && source.charAt(i + 1) == '"' && source.charAt(i + 2) == '"') {
                    int end = endOfTextBlock(source, i + 3);
                    out.append(source, i, end);
                    i = end;
                } else if (c == '"' || c == '\'') {
                    int end = endOfLiteral(source, i + 1, c);
                    out.append(source, i, end);
                    i = end;
                } else {
                    out.append(c);
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** Whether two characters, written without the blank between them, could read as one token. */
    private static boolean mayJoin(char before, char after) {
        return Character.isJavaIdentifierPart(before) && Character.isJavaIdentifierPart(after)
                || isOperator(before) && isOperator(after);
    }

    private static final String OPERATORS = "+-*/&|<>=!%^~?:.";

    private static boolean isOperator(char c) {
        return c < 128 && OPERATORS.indexOf(c) >= 0;
    }

    /** The index after the literal that started before {@code from} with {@code quote}. */
    private static int endOfLiteral(String source, int from, char quote) {
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote || c == '\n') {
                return i + 1;
            } else {
                i++;
            }
        }
        return source.length();
    }

    /** The index after the text block whose content starts at {@code from}. */
    private static int endOfTextBlock(String source, int from) {
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"' && i + 2 < source.length() && source.charAt(i + 1) == '"'
                    && source.charAt(i + 2) == '"') {
                return i + 3;
            } else {
                i++;
            }
        }
        return source.length();
    }

    private MessageDigest sha256;

    private String digest(String text) {
        if (sha256 == null) {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        }
        return HEX.formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final HexFormat HEX = HexFormat.of();
}
