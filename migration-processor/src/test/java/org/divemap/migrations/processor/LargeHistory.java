package org.divemap.migrations.processor;

import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.graph.RevisionNode;

/**
 * Generates a long, realistic history for tests and benchmarks: a main line, a short side line
 * merged back every 50 revisions, and a labeled line of history that stays open every 500.
 */
final class LargeHistory {

    private LargeHistory() {}

    static List<RevisionNode> nodes(int count) {
        List<RevisionNode> nodes = new ArrayList<>(count);
        String head = null;
        int n = 0;
        while (nodes.size() < count) {
            String id = String.format("r%06d", n++);
            int position = nodes.size();
            if (head == null) {
                nodes.add(RevisionNode.of(id));
            } else if (position % 500 == 499) {
                nodes.add(RevisionNode.of(id, head).withBranchLabels("line" + position));
                continue; // an open labeled line: the main line goes on from the same head
            } else if (position % 50 == 48 && nodes.size() + 2 < count) {
                String side = String.format("r%06d", n++);
                nodes.add(RevisionNode.of(id, head));
                nodes.add(RevisionNode.of(side, head));
                String merge = String.format("r%06d", n++);
                nodes.add(RevisionNode.of(merge, id, side));
                head = merge;
                continue;
            } else {
                nodes.add(RevisionNode.of(id, head));
            }
            head = id;
        }
        return nodes;
    }

    static String className(String id) {
        return "bench.migrations.M" + id;
    }

    static String source(RevisionNode node) {
        StringBuilder revision = new StringBuilder("@Revision(id = \"" + node.id() + "\"");
        if (!node.revises().isEmpty()) {
            revision.append(", revises = {\"").append(String.join("\", \"", node.revises())).append("\"}");
        }
        if (!node.branchLabels().isEmpty()) {
            revision.append(", branchLabels = {\"").append(String.join("\", \"", node.branchLabels())).append("\"}");
        }
        revision.append(")");
        return "package bench.migrations;\n\n"
                + "import org.divemap.migrations.Migration;\n"
                + "import org.divemap.migrations.Operations;\n"
                + "import org.divemap.migrations.Revision;\n\n"
                + revision + "\n"
                + "public final class M" + node.id() + " implements Migration {\n"
                + "    @Override public void upgrade(Operations op) { op.execute(\"SELECT " + node.id().length() + "\"); }\n"
                + "    @Override public void downgrade(Operations op) { op.execute(\"SELECT 0\"); }\n"
                + "}\n";
    }
}
