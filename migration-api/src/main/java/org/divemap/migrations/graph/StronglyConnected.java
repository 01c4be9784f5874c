package org.divemap.migrations.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The strongly connected sets of two or more nodes of a graph given as edge arrays: the cycles.
 * Iterative Tarjan, so a history of any length takes no more stack than a short one.
 */
final class StronglyConnected {

    private StronglyConnected() {}

    /**
     * The sets of two or more nodes that reach each other over {@code first} and {@code second} edges
     * (per node, the indices of the nodes its edges lead to), each set once.
     */
    static List<List<Integer>> of(int[][] first, int[][] second) {
        int n = first.length;
        int[] index = new int[n];
        int[] low = new int[n];
        Arrays.fill(index, -1);
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int stackSize = 0;
        int counter = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        List<List<Integer>> components = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (index[root] != -1) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = 0;
            index[root] = low[root] = counter++;
            stack[stackSize++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                int edge = callEdge[depth];
                if (edge < first[v].length + second[v].length) {
                    callEdge[depth]++;
                    int w = edge < first[v].length ? first[v][edge] : second[v][edge - first[v].length];
                    if (index[w] == -1) {
                        index[w] = low[w] = counter++;
                        stack[stackSize++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = 0;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    List<Integer> component = new ArrayList<>();
                    int w;
                    do {
                        w = stack[--stackSize];
                        onStack[w] = false;
                        component.add(w);
                    } while (w != v);
                    if (component.size() > 1) {
                        components.add(component);
                    }
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return components;
    }
}
