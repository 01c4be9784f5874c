package org.divemap.migrations.graph;

import java.util.Set;

/** The rules for revision ids and branch labels, which must not clash with target syntax. */
public final class Names {

    private static final Set<String> RESERVED = Set.of("head", "heads", "base");

    private Names() {}

    /**
     * Why {@code name} cannot be a revision id or branch label, as a sentence, or {@code null} when it
     * can. Targets use {@code head}, {@code heads} and {@code base} as words, {@code @} between a label
     * and a revision, {@code +} and {@code -} for relative steps and {@code :} for ranges.
     */
    public static String problemWith(String name) {
        if (name.isBlank()) {
            return "is empty.";
        }
        if (RESERVED.contains(name)) {
            return "is a reserved word in revision targets (head, heads, base).";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String reason = switch (c) {
                case '@' -> "contains '@', which targets use between a branch label and a revision (label@head).";
                case '+', '-' -> "contains '" + c + "', which targets use for relative steps (+1, head-2).";
                case ':' -> "contains ':', which separates the two ends of a range (base:head).";
                default -> Character.isWhitespace(c) ? "contains whitespace, which cannot be typed as a target." : null;
            };
            if (reason != null) {
                return reason;
            }
        }
        return null;
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
