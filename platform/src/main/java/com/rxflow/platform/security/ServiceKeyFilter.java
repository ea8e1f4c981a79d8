package com.rxflow.platform.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets a request reach an internal endpoint ({@code /internal/**}) or change anything through
 * Actuator (every method but GET and HEAD under its base path) only with the {@link ServiceKey};
 * anything else passes untouched. A refused request gets a 401 problem (RFC 9457).
 *
 * <p>A plain servlet filter, not Spring Security: the services without a login of their own stay
 * free of it, and the one with one (escalation-service) can authorize a request its own way and
 * say so with the {@link #AUTHORIZED} request attribute, which no client can set.
 */
public final class ServiceKeyFilter extends HttpFilter {

    /**
     * A request attribute a service's own access control sets (to {@code Boolean.TRUE}) on a
     * request it has authorized, for example a pharmacist refreshing the feature flags.
     */
    public static final String AUTHORIZED = ServiceKeyFilter.class.getName() + ".AUTHORIZED";

    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final String INTERNAL = "/internal";
    private static final String PROBLEM = "{\"type\":\"https://rxflow.dev/problems/unauthorized\","
            + "\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"This endpoint is for RxFlow's own services: send the service key in the "
            + ServiceKey.HEADER + " header.\"}";

    private final transient ServiceKey key;
    private final String actuatorPath;

    /**
     * @param key          the key to ask for
     * @param actuatorPath Actuator's base path ({@code management.endpoints.web.base-path}, {@code /actuator})
     */
    public ServiceKeyFilter(ServiceKey key, String actuatorPath) {
        this.key = key;
        this.actuatorPath = actuatorPath.endsWith("/") ? actuatorPath.substring(0, actuatorPath.length() - 1)
                : actuatorPath;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!guarded(request) || Boolean.TRUE.equals(request.getAttribute(AUTHORIZED))
                || key.matches(request.getHeader(ServiceKey.HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("application/problem+json");
        response.getWriter().write(PROBLEM);
    }

    /** Whether the request needs the key: an internal endpoint, or a write through Actuator. */
    boolean guarded(HttpServletRequest request) {
        // the decoded, normalised path (no "..", no ";" parameters), as the dispatcher matches it
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (under(path, INTERNAL)) {
            return true;
        }
        return under(path, actuatorPath) && !READS.contains(request.getMethod());
    }

    private static boolean under(String path, String prefix) {
        if (prefix.isEmpty()) {
            return true;
        }
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
