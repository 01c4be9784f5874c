package org.divemap.migrations.runtime.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;

/**
 * The revisions of a loaded {@code Divemap}: its {@link RevisionMap}, built when it is loaded, or, for
 * the one registry of an application when that registry gives its heads
 * ({@link RevisionRegistry#heads()}, as the generated ones do), only when a command first needs it.
 * A start-up that finds the database at head then never reads the revisions: for 1,000 revisions,
 * reading and ordering them costs a fresh JVM tens of milliseconds.
 */
public final class Registries {

    private final RevisionRegistry only;
    /** The heads the only registry gives, or null: the map is built at once. */
    private final List<String> heads;
    private RevisionMap map;

    private Registries(RevisionRegistry only, List<String> heads, RevisionMap map) {
        this.only = only;
        this.heads = heads;
        this.map = map;
    }

    /** A map that is already built. */
    public static Registries of(RevisionMap map) {
        return new Registries(null, null, map);
    }

    /**
     * The revisions of {@code registries}. Unless there is one registry that gives its heads, the map
     * is built now, and an invalid graph is refused now ({@code INVALID_GRAPH}).
     */
    public static Registries load(List<RevisionRegistry> registries) {
        if (registries.size() == 1) {
            RevisionRegistry only = registries.get(0);
            List<String> heads = only.heads();
            if (heads != null) {
                return new Registries(only, List.copyOf(heads), null);
            }
        }
        List<RegisteredRevision> revisions = new ArrayList<>();
        for (RevisionRegistry registry : registries) {
            revisions.addAll(registry.revisions());
        }
        return of(RevisionMap.of(revisions));
    }

    /** The map of the revisions, built on the first call when it was not built at load. */
    public synchronized RevisionMap map() {
        if (map == null) {
            RevisionMap built = RevisionMap.of(only.revisions());
            if (!built.heads().equals(heads) || !built.versionRowsAtHeads().equals(heads)) {
                throw new DivemapException(Kind.CONFIGURATION, "The revision registry " + only.getClass().getName()
                        + " says its heads are " + heads + ", but its revisions have the heads " + built.heads()
                        + (built.heads().equals(built.versionRowsAtHeads()) ? ""
                                : ", of which a revision depends on some")
                        + ". A generated registry never disagrees with its revisions: recompile the migrations with"
                        + " migration-processor (mvn clean compile). A hand-written one must return null from"
                        + " heads(), or the heads of revisions().");
            }
            map = built;
        }
        return map;
    }

    /**
     * Whether {@code rows}, a database's version rows, are where {@code target} leads, known without
     * the map: true only when the target is {@code heads}, or {@code head} with one head, and the rows
     * are the heads the registry gives. False says nothing: ask the map.
     */
    public boolean atTargetWithoutMap(Collection<String> rows, String target) {
        if (heads == null || !(target.equals("heads") || target.equals("head") && heads.size() == 1)) {
            return false;
        }
        return Set.copyOf(rows).equals(Set.copyOf(heads));
    }
}
