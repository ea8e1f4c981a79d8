package com.rxflow.deployment;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Decides, as a Kubernetes network plugin would, whether ingress NetworkPolicies let a peer reach
 * a pod's port, so the tests can state who reaches what instead of restating the YAML.
 */
final class NetworkPolicies {

    /** Where a connection comes from: a pod with labels, in a namespace with labels. */
    record Peer(String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels) {

        static Peer pod(String namespace, Map<String, String> podLabels) {
            return new Peer(namespace, Map.of("kubernetes.io/metadata.name", namespace), podLabels);
        }
    }

    private final List<NetworkPolicy> policies;
    private final String namespace;

    NetworkPolicies(List<NetworkPolicy> policies, String namespace) {
        this.policies = policies;
        this.namespace = namespace;
    }

    boolean allows(Peer peer, Map<String, String> podLabels, int port, String portName) {
        List<NetworkPolicy> isolating = policies.stream()
                // without policyTypes a policy is an ingress policy
                .filter(p -> p.getSpec().getPolicyTypes().isEmpty() || p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> matches(p.getSpec().getPodSelector(), podLabels))
                .toList();
        if (isolating.isEmpty()) {
            return true;
        }
        return isolating.stream()
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> admitsPeer(rule, peer) && admitsPort(rule, port, portName));
    }

    private boolean admitsPeer(NetworkPolicyIngressRule rule, Peer peer) {
        return rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(from -> admits(from, peer));
    }

    private boolean admits(NetworkPolicyPeer from, Peer peer) {
        if (from.getIpBlock() != null) {
            throw new UnsupportedOperationException("ipBlock peers are not evaluated by these tests");
        }
        boolean namespaceMatches = from.getNamespaceSelector() == null
                ? peer.namespace().equals(namespace)
                : matches(from.getNamespaceSelector(), peer.namespaceLabels());
        boolean podMatches = from.getPodSelector() == null || matches(from.getPodSelector(), peer.podLabels());
        return namespaceMatches && podMatches;
    }

    private static boolean admitsPort(NetworkPolicyIngressRule rule, int port, String portName) {
        if (rule.getPorts().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort allowed : rule.getPorts()) {
            if (allowed.getProtocol() != null && !allowed.getProtocol().equals("TCP")) {
                continue;
            }
            IntOrString value = allowed.getPort();
            if (value == null) {
                return true;
            }
            if (value.getIntVal() != null) {
                int end = allowed.getEndPort() == null ? value.getIntVal() : allowed.getEndPort();
                if (port >= value.getIntVal() && port <= end) {
                    return true;
                }
            } else if (value.getStrVal().equals(portName)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        boolean labelsMatch = selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        return labelsMatch && selector.getMatchExpressions().stream().allMatch(r -> matches(r, labels));
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        switch (requirement.getOperator()) {
            case "In":
                return value != null && requirement.getValues().contains(value);
            case "NotIn":
                return value == null || !requirement.getValues().contains(value);
            case "Exists":
                return value != null;
            case "DoesNotExist":
                return value == null;
            default:
                throw new IllegalStateException("unknown selector operator " + requirement.getOperator());
        }
    }
}
