package org.divemap.migrations.runtime.graph;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.divemap.migrations.graph.Names;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.graph.Revisions.Rev;

/**
 * Alembic's target syntax over the revisions of a {@link RevisionMap}: parsing a target, resolving
 * ids, unique prefixes, branch labels, {@code head}, {@code heads} and {@code base}, and walking the
 * steps of a relative target ({@code +N}, {@code label@-N}, {@code rev+N}).
 */
final class Targets {

    /** {@code [label@][symbol](+|-)N}, anchored at both ends; compiled when a target with a sign first needs it. */
    private static final class Relative {
        static final Pattern PATTERN = Pattern.compile("(?:([^@]+)@)?([^@+\\-]+)?([+\\-]\\d+)");
    }

    static final String ACCEPTED_FORMS = "head, heads, base, a revision id or a unique prefix of one, a branch"
            + " label, <label>@head, <label>@heads, <label>@base, <label>@<revision>, +N, -N, <revision>+N,"
            + " <revision>-N, <label>@+N, <label>@-N";

    private final Revisions revs;
    private final List<Rev> revisions;
    private final Map<String, Rev> byKey;
    private final List<Rev> heads;
    private final List<Rev> realHeads;
    private final List<Rev> bases;

    Targets(Revisions revs) {
        this.revs = revs;
        this.revisions = revs.revisions;
        this.byKey = revs.byKey;
        this.heads = revs.heads;
        this.realHeads = revs.realHeads;
        this.bases = revs.bases;
    }

    private static List<String> ids(Collection<Rev> list) {
        return Revisions.ids(list);
    }

    private boolean sharesLineage(Rev rev, Rev other) {
        return revs.sharesLineage(rev, other);
    }

    List<Rev> filterForLineage(Collection<Rev> targets, String checkAgainst) {
        List<Rev> against = new ArrayList<>();
        Resolved resolved = resolveNumber(checkAgainst);
        if (resolved.branch != null) {
            against.add(resolveBranch(resolved.branch));
        }
        for (String id : resolved.ids) {
            against.add(revisionForIdent(id, null));
        }
        if (against.isEmpty()) {
            return List.copyOf(targets);
        }
        List<Rev> kept = new ArrayList<>();
        for (Rev target : targets) {
            for (Rev other : against) {
                if (sharesLineage(target, other)) {
                    kept.add(target);
                    break;
                }
            }
        }
        return kept;
    }

    // ---------------------------------------------------------------- resolution

    /** An identifier split into its branch part and what it names. */
    private record Resolved(List<String> ids, String branch) {}

    private Resolved resolveNumber(String identifier) {
        String branch = null;
        String id = identifier;
        int at = identifier.indexOf('@');
        if (at >= 0) {
            branch = identifier.substring(0, at);
            id = identifier.substring(at + 1);
            if (branch.isEmpty()) {
                throw malformed(identifier);
            }
        }
        switch (id) {
            case "heads":
                return new Resolved(ids(branch != null ? filterForLineage(heads, branch) : realHeads), branch);
            case "head":
                Rev head = currentHead(branch);
                return new Resolved(head == null ? List.of() : List.of(head.id), branch);
            case "base":
            case "":
                return new Resolved(List.of(), branch);
            default:
                return new Resolved(List.of(id), branch);
        }
    }

    private Rev currentHead(String branch) {
        List<Rev> candidates = branch != null ? filterForLineage(heads, branch) : heads;
        if (candidates.size() > 1) {
            String argument = branch != null ? branch + "@head" : "head";
            throw new DivemapException(Kind.AMBIGUOUS_TARGET, "\"" + argument + "\" is ambiguous: there are "
                    + candidates.size() + " heads (" + String.join(", ", ids(candidates)) + "). Name one with"
                    + " <label>@head or its id, or use \"heads\" for all of them.");
        }
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    Rev resolveBranch(String branch) {
        Rev rev = byKey.get(branch);
        if (rev != null) {
            return rev;
        }
        try {
            return revisionForIdent(branch, null);
        } catch (DivemapException e) {
            throw new DivemapException(Kind.UNKNOWN_REVISION, "No branch label or revision \"" + branch + "\" in"
                    + " this build." + suggestion(branch) + " Branch labels: " + labelList() + ".", e);
        }
    }

    private String labelList() {
        Set<String> labels = new TreeSet<>();
        for (Rev rev : revisions) {
            labels.addAll(rev.source.branchLabels());
        }
        return labels.isEmpty() ? "none" : String.join(", ", labels);
    }

    private Rev revisionForIdent(String id, String checkBranch) {
        Rev branchRev = checkBranch != null ? resolveBranch(checkBranch) : null;
        Rev rev = byKey.get(id);
        if (rev == null) {
            List<String> candidates = new ArrayList<>();
            for (String key : byKey.keySet()) {
                if (key.startsWith(id)) {
                    candidates.add(key);
                }
            }
            if (branchRev != null) {
                candidates.removeIf(key -> !sharesLineage(byKey.get(key), branchRev));
            }
            candidates.sort(null);
            if (candidates.isEmpty()) {
                throw new DivemapException(Kind.UNKNOWN_REVISION, "No revision or branch label \"" + id + "\" in this"
                        + " build." + suggestion(id) + " Run history to list the revisions.");
            }
            Set<Rev> distinct = new LinkedHashSet<>();
            candidates.forEach(key -> distinct.add(byKey.get(key)));
            if (distinct.size() > 1) {
                throw new DivemapException(Kind.AMBIGUOUS_TARGET, "\"" + id + "\" is the beginning of "
                        + candidates.size() + " revisions or labels: " + String.join(", ", candidates)
                        + ". Give more characters of the one you mean.");
            }
            rev = distinct.iterator().next();
        }
        if (branchRev != null && !sharesLineage(rev, branchRev)) {
            throw new DivemapException(Kind.INVALID_RANGE, "Revision " + rev.id + " is not on the line of history of"
                    + " \"" + checkBranch + "\" (" + branchRev.id + "). Drop the \"" + checkBranch + "@\" prefix or"
                    + " name a revision on that branch.");
        }
        return rev;
    }

    private String suggestion(String id) {
        String best = Names.closest(id, new TreeSet<>(byKey.keySet()));
        return best == null ? "" : " Did you mean \"" + best + "\"?";
    }

    /** The revisions a plain (non-relative) target names; empty for base. */
    List<Rev> getRevisions(String target) {
        Resolved resolved = resolveNumber(target);
        List<Rev> revs = new ArrayList<>();
        for (String id : resolved.ids) {
            revs.add(revisionForIdent(id, resolved.branch));
        }
        if (resolved.branch != null && resolved.ids.isEmpty()) {
            resolveBranch(resolved.branch); // an unknown label is an error even where nothing is named
        }
        return revs;
    }

    Rev getRevision(String target) {
        List<Rev> revs = getRevisions(target);
        if (revs.size() > 1) {
            throw new DivemapException(Kind.AMBIGUOUS_TARGET, "\"" + target + "\" names " + revs.size()
                    + " revisions (" + String.join(", ", ids(revs)) + ") where one is needed.");
        }
        return revs.isEmpty() ? null : revs.get(0);
    }

    static DivemapException malformed(String target) {
        return new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" is not a revision target. Accepted"
                + " forms: " + ACCEPTED_FORMS + ".");
    }

    /** Rejects what Alembic would misread; returns the relative match, or null for a plain target. */
    static Matcher parse(String target) {
        if (target == null || target.isEmpty()) {
            throw malformed(String.valueOf(target));
        }
        for (int i = 0; i < target.length(); i++) {
            if (Character.isWhitespace(target.charAt(i))) {
                throw malformed(target);
            }
        }
        // a relative target has a sign; the usual "heads" and ids need no regular expression
        boolean signed = target.indexOf('+') >= 0 || target.indexOf('-') >= 0;
        Matcher relative = signed ? Relative.PATTERN.matcher(target) : null;
        if (relative != null && relative.matches()) {
            String symbol = relative.group(2);
            if ("heads".equals(symbol)) {
                throw malformed(target);
            }
            return relative;
        }
        if (target.indexOf('+') >= 0 || target.indexOf(':') >= 0 || target.indexOf('-') >= 0
                || target.indexOf('@') != target.lastIndexOf('@') || target.startsWith("@") || target.endsWith("@")) {
            throw malformed(target);
        }
        return null;
    }

    // ---------------------------------------------------------------- walking

    /**
     * The step of a relative target, refusing what moves nothing or walks below base: a step of 0 from
     * the current revisions or from base, and any step down from base. Alembic refuses the first two
     * as well, but walks base-N down from the heads (its walk starts there when given no revision),
     * which is never what was meant.
     */
    Step step(String target, Matcher relative, boolean upgrade) {
        String symbol = relative.group(2);
        String signed = relative.group(3);
        boolean down = signed.charAt(0) == '-';
        BigInteger count = new BigInteger(signed.substring(1));
        String prefix = relative.group(1) == null ? "" : relative.group(1) + "@";
        if ("base".equals(symbol) && down && count.signum() > 0) {
            throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" steps down from base, below which"
                    + " there is nothing. To go " + count + " revision" + (count.equals(BigInteger.ONE) ? "" : "s")
                    + " up from base, write " + prefix + "base+" + count + "; to go " + count + " down from the head,"
                    + " write " + prefix + "head-" + count + ". Nothing was changed.");
        }
        if (count.signum() == 0 && symbol == null) {
            throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" moves nothing. Give a number of"
                    + " steps other than 0, such as " + prefix + (upgrade ? "+1" : "-1") + ", or name the revision to"
                    + " go to. Nothing was changed.");
        }
        if (count.signum() == 0 && symbol.equals("base")) {
            throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" moves nothing from base. Write "
                    + prefix + "base to mean base, or give a number of steps other than 0, such as " + prefix
                    + "base+1. Nothing was changed.");
        }
        // a walk longer than the graph runs off it, whatever its length: count no further
        int limit = revisions.size() + 2;
        int steps = count.compareTo(BigInteger.valueOf(limit)) > 0 ? limit : count.intValueExact();
        return new Step(down ? -steps : steps, count.toString());
    }

    /**
     * A relative step: {@code steps} signed (up positive), at most a little more than the graph can
     * walk; {@code count} the number of steps as written, for messages.
     */
    record Step(int steps, String count) {}

    /** Alembic's walk: {@code steps} up (children) or down (parents); null when it runs off the graph. */
    Object walk(Object start, Step step, String branch) {
        int steps = step.steps();
        Object current = start; // a Rev, null (before the bases) or BASE (below them)
        for (int i = 0; i < Math.abs(steps); i++) {
            List<Object> next = new ArrayList<>();
            if (steps > 0) {
                List<Rev> up = current == null ? bases : ((Rev) current).children;
                if (current == BASE) {
                    up = bases;
                }
                next.addAll(branch != null ? filterForLineage(up, branch) : up);
            } else {
                if (current != BASE) {
                    List<Rev> down = current == null ? heads : List.of(((Rev) current).parents);
                    next.addAll(down);
                    if (next.isEmpty()) {
                        next.add(BASE);
                    }
                }
            }
            if (next.isEmpty()) {
                return null;
            }
            if (next.size() > 1) {
                throw new DivemapException(Kind.AMBIGUOUS_TARGET, "Cannot take " + step.count() + " step"
                        + (step.count().equals("1") ? "" : "s") + (steps > 0 ? " up" : " down") + " from "
                        + (current == null ? "base" : current) + ": the history branches there into "
                        + next.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                        + ". Name the revision to go to instead"
                        + (steps < 0 && current != null
                                ? "; to remove only " + current + ", downgrade " + current + "@"
                                        + next.stream().map(String::valueOf).sorted().findFirst().orElseThrow()
                                        + ", which leaves both lines applied."
                                : ", or a line with a label of its own (<label>@+" + step.count() + ")."));
            }
            current = next.get(0);
        }
        return current;
    }

    static final Object BASE = new Object() {
        @Override
        public String toString() {
            return "base";
        }
    };

    static DivemapException beyond(String target, Step step) {
        boolean up = step.steps() > 0;
        return new DivemapException(Kind.INVALID_RANGE, "\"" + target + "\" goes " + step.count() + " step"
                + (step.count().equals("1") ? "" : "s") + (up ? " up" : " down") + ", beyond the "
                + (up ? "heads" : "base") + " of the history. Nothing was changed.");
    }

}
