package com.rxflow.tools.records;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Copies for the data records, which must keep null elements so validation can name them. */
public final class Lists {

    private Lists() {
    }

    /** An unmodifiable copy that keeps null elements; null stays null. */
    public static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
