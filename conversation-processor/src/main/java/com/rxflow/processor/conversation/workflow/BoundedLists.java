package com.rxflow.processor.conversation.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Copies of the snapshot's lists, cut to their bound: the fold never changes a list it was given,
 * and no list in the state grows without limit however long the conversation.
 */
final class BoundedLists {

    private BoundedLists() {
    }

    /** A copy with {@code item} at the end. */
    static <T> List<T> plus(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list.size() + 1);
        copy.addAll(list);
        copy.add(item);
        return copy;
    }

    /** A copy without the items {@code drop} matches. */
    static <T> List<T> without(List<T> list, Predicate<T> drop) {
        List<T> copy = new ArrayList<>(list.size());
        for (T item : list) {
            if (!drop.test(item)) {
                copy.add(item);
            }
        }
        return copy;
    }

    /** The last {@code max} items: for lists kept oldest first. */
    static <T> List<T> bounded(List<T> list, int max) {
        return list.size() <= max ? new ArrayList<>(list) : new ArrayList<>(list.subList(list.size() - max, list.size()));
    }

    /** The first {@code max} items: for lists kept newest first. */
    static <T> List<T> head(List<T> list, int max) {
        return new ArrayList<>(list.size() <= max ? list : list.subList(0, max));
    }
}
