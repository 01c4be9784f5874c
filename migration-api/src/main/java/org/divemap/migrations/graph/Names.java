package org.divemap.migrations.graph;

import java.util.Set;

/**
 * The rules for revision ids and branch labels. A name holds only letters ({@code a-z},
 * {@code A-Z}), digits, {@code _} and {@code .}: it is typed as a revision target, written into SQL
 * as a string and used in file names, so nothing in it may need quoting or escaping. Nor may it be
 * a word that target syntax gives a meaning to.
 */
public final class Names {

    private static final Set<String> RESERVED = Set.of("head", "heads", "base");

    /** What the characters of a name may be, as {@link #problemWith} explains when one is not. */
    static final String ALLOWED = "letters (a-z, A-Z), digits, '_' and '.'";

    private Names() {}

    /**
     * What is wrong with a name as a revision id or branch label, or {@code null} when nothing is.
     *
     * @param kind {@link GraphProblem.Kind#RESERVED_NAME} for a word or character of target syntax,
     *     {@link GraphProblem.Kind#ILLEGAL_CHARACTER} for any other character outside the rule
     * @param reason the rest of a sentence that starts with the name, such as {@code "contains '@', ..."}
     * @param character the offending character as messages write it ({@code '/'}, {@code U+0007}), or
     *     null when the whole name is at fault
     */
    public record Problem(GraphProblem.Kind kind, String reason, String character) {}

    /**
     * The first problem of {@code name}, reading it from the left, or {@code null} when it may be a
     * revision id or branch label. Targets use {@code head}, {@code heads} and {@code base} as words,
     * {@code @} between a label and a revision, {@code +} and {@code -} for relative steps and
     * {@code :} for ranges; any other character but letters, digits, {@code _} and {@code .} is
     * illegal.
     */
    public static Problem problemWith(String name) {
        if (name.isBlank()) {
            return reserved("is empty.");
        }
        if (RESERVED.contains(name)) {
            return reserved("is a reserved word in revision targets (head, heads, base).");
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (allowed(c)) {
                continue;
            }
            String reason = switch (c) {
                case '@' -> "contains '@', which targets use between a branch label and a revision (label@head).";
                case '+', '-' -> "contains '" + (char) c + "', which targets use for relative steps (+1, head-2).";
                case ':' -> "contains ':', which separates the two ends of a range (base:head).";
                default -> Character.isWhitespace(c) ? "contains whitespace, which cannot be typed as a target." : null;
            };
            if (reason != null) {
                return reserved(reason);
            }
            String character = describe(c);
            return new Problem(GraphProblem.Kind.ILLEGAL_CHARACTER, "contains " + character + ". Ids and branch labels"
                    + " hold only " + ALLOWED + ", since an id is also a revision target, a file name and a SQL"
                    + " string.", character);
        }
        return null;
    }

    private static Problem reserved(String reason) {
        return new Problem(GraphProblem.Kind.RESERVED_NAME, reason, null);
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    }

    /**
     * A character as messages write it: a visible one in quotes ({@code '/'}), followed by its code
     * point when it is not ASCII; an invisible one by its code point alone ({@code U+0007}).
     */
    static String describe(int c) {
        String code = String.format(java.util.Locale.ROOT, "U+%04X", c);
        int type = Character.getType(c);
        boolean visible = !Character.isISOControl(c) && !Character.isSpaceChar(c) && type != Character.FORMAT
                && type != Character.UNASSIGNED && type != Character.PRIVATE_USE && type != Character.SURROGATE;
        if (!visible) {
            return code;
        }
        String quoted = "'" + new String(Character.toChars(c)) + "'";
        return c < 0x80 ? quoted : quoted + " (" + code + ")";
    }

    /**
     * The candidate a misspelt {@code reference} most likely meant, or null when none is close: the
     * only candidate that starts with it, otherwise the nearest by edit distance (at most a third of
     * its length, capped at 3), the first in {@code candidates}' order on a tie.
     */
    public static String closest(String reference, java.util.Collection<String> candidates) {
        String prefixMatch = null;
        for (String candidate : candidates) {
            if (!reference.isEmpty() && candidate.startsWith(reference)) {
                if (prefixMatch != null) {
                    prefixMatch = null;
                    break;
                }
                prefixMatch = candidate;
            }
        }
        if (prefixMatch != null) {
            return prefixMatch;
        }
        int limit = Math.max(1, Math.min(3, reference.length() / 3));
        String best = null;
        int bestDistance = limit + 1;
        for (String candidate : candidates) {
            int distance = distance(reference, candidate, bestDistance - 1);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * The Levenshtein distance between two strings, or {@code limit + 1} as soon as it is known to
     * exceed {@code limit}.
     */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMinimum = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMinimum = Math.min(rowMinimum, current[j]);
            }
            if (rowMinimum > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
