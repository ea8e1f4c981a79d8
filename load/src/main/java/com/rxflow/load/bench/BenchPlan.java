package com.rxflow.load.bench;

import java.util.List;
import java.util.Map;

import com.rxflow.load.bench.LoadDriver.Scenario;

/**
 * The plan of a {@code rxflow bench} run: the options, with {@code --quick}'s or the full run's
 * defaults where not given ({@link BenchOptions#plan()}).
 */
record BenchPlan(List<Double> rates, boolean ramp, int duration, int warmup, int floorDuration, int patients,
        List<String> guarantees, Map<Scenario, Integer> mix, List<Boolean> phiLegs) {
}
