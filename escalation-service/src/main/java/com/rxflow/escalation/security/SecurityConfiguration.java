package com.rxflow.escalation.security;

import java.time.Clock;
import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

import com.rxflow.escalation.security.AccessProperties.Role;
import com.rxflow.platform.security.ServiceKey;

/**
 * Who reaches what, through three filter chains, the first that matches a request deciding:
 * <ol>
 * <li><b>services</b>: {@code /internal/**} (peers listing each other's cases), and Actuator when
 * the request carries the service key: the key only, no session, nothing else accepted;</li>
 * <li><b>API clients</b>: a request with an {@code Authorization} header and no session cookie,
 * authenticated by HTTP Basic on every request. It never creates or reads a session, so no
 * cookie the browser adds on its own can authenticate it, and it needs no CSRF token;</li>
 * <li><b>the console</b>: everything else, signed in with the form and a session cookie. Every
 * state-changing request needs the CSRF token, with or without an {@code Authorization} header,
 * so a cross-site form post riding on the session is refused.</li>
 * </ol>
 * Pharmacists (and prescribers, for the prescriber queue) work cases; auditors read the audit
 * trail and nothing else; privacy officers forget patients (erase their data keys) and nothing else; probes and the API's description need no login. Failed sign-ins lock
 * an account (and a client) out for a while ({@link SignInThrottle}). No 401 carries a Basic
 * challenge, so a browser never learns to send credentials by itself.
 *
 * <p>Wired by hand rather than by Boot's security auto-configuration, which is left off the
 * classpath: the launcher runs all four services on one classpath and that auto-configuration
 * would lock the other services' endpoints too. So this class also registers the filter chains with
 * the servlet container, where Boot would.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(AccessProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Scripts and styles from this service only, not even inline ones: injected markup could run nothing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private static final String PHARMACIST = Role.PHARMACIST.name();
    private static final String PRESCRIBER = Role.PRESCRIBER.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String PRIVACY_OFFICER = Role.PRIVACY_OFFICER.name();

    /** Hashes in Spring Security's {@code {id}hash} format: BCrypt today, upgradable without a migration. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    StaffDirectory staffDirectory(AccessProperties access, PasswordEncoder encoder, Environment environment) {
        StaffDirectory staff = new StaffDirectory(access.users(), encoder,
                environment.acceptsProfiles(Profiles.of("local")));
        if (staff.isEmpty()) {
            log.warn("No pharmacist can sign in: configure rxflow.escalation.access.users (see escalation-service/README.md)");
        }
        return staff;
    }

    /** Username and password, checked behind the lockout; the same for the form and HTTP Basic. */
    @Bean
    SignInThrottle signInThrottle(AccessProperties access, ObjectProvider<Clock> clock) {
        return new SignInThrottle(access.signIn(), clock.getIfAvailable(Clock::systemUTC));
    }

    private static AuthenticationManager signIn(StaffDirectory staff, PasswordEncoder encoder, SignInThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(staff);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledSignIn(passwords, throttle));
    }

    @Bean
    @Order(1)
    SecurityFilterChain serviceChain(HttpSecurity http, ServiceKey key,
            @Value("${management.endpoints.web.base-path:/actuator}") String actuator) throws Exception {
        return stateless(http)
                .securityMatcher(request -> under(request, "/internal")
                        || (under(request, actuator) && request.getHeader(ServiceKey.HEADER) != null))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(ServiceKeyAuthentication.SERVICE_ROLE))
                .addFilterBefore(new ServiceKeyAuthentication(key), AuthorizationFilter.class)
                .addFilterAfter(new AuthorizedForPlatform(), AuthorizationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ProblemEntryPoints.unauthorized())
                        .accessDeniedHandler(ProblemEntryPoints.forbidden()))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiClientChain(HttpSecurity http, StaffDirectory staff, PasswordEncoder encoder,
            SignInThrottle throttle) throws Exception {
        AuthenticationEntryPoint unauthorized = ProblemEntryPoints.unauthorized();
        return stateless(http)
                .securityMatcher(request -> request.getHeader("Authorization") != null
                        && request.getRequestedSessionId() == null)
                .authorizeHttpRequests(SecurityConfiguration::staffRules)
                .authenticationManager(signIn(staff, encoder, throttle))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .addFilterAfter(new AuthorizedForPlatform(), AuthorizationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(ProblemEntryPoints.forbidden()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain consoleChain(HttpSecurity http, StaffDirectory staff, PasswordEncoder encoder,
            SignInThrottle throttle, @Value("${server.servlet.session.cookie.secure:false}") boolean secureCookies)
            throws Exception {
        // the console's scripts send the token from this cookie in X-XSRF-TOKEN, the sign-in form as a field
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(cookie -> {
            cookie.sameSite("Strict");
            if (secureCookies) {
                cookie.secure(true);
            }
        });
        return http
                .authorizeHttpRequests(SecurityConfiguration::staffRules)
                .authenticationManager(signIn(staff, encoder, throttle))
                .formLogin(form -> form.defaultSuccessUrl("/", true))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.spa().csrfTokenRepository(tokens))
                .addFilterAfter(new AuthorizedForPlatform(), AuthorizationFilter.class)
                // API calls get a problem; pages get the sign-in form (an explicit entry point for all
                // requests would switch Spring Security's generated sign-in page off)
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(ProblemEntryPoints.unauthorized(), ProblemEntryPoints::isApi)
                        .accessDeniedHandler(ProblemEntryPoints.forbidden()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    /** The staff's rules, the same whether they signed in with the form or send HTTP Basic. */
    private static void staffRules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests
                // an async (server-sent events) or error dispatch continues a request already authorized
                .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                        "/actuator/prometheus").permitAll()
                .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll()
                .requestMatchers("/login", "/error", "/favicon.ico").permitAll()
                // the audit trail: auditors only, who work no case
                .requestMatchers("/api/v1/audit/**", "/audit.html", "/audit.js", "/audit.css").hasRole(AUDITOR)
                // forgetting a patient (crypto-shredding): privacy officers only, who work no case
                .requestMatchers("/api/v1/patients/*/data-keys").hasRole(PRIVACY_OFFICER)
                .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/prescriber-decision")
                .hasAnyRole(PHARMACIST, PRESCRIBER)
                .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(PHARMACIST, PRESCRIBER)
                .requestMatchers("/api/**", "/actuator/**").hasRole(PHARMACIST)
                .anyRequest().hasAnyRole(PHARMACIST, PRESCRIBER, AUDITOR);
    }

    /** A chain that authenticates every request by itself: no session, no saved request, no CSRF token. */
    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                // nothing in these chains is authenticated by a cookie, so a cross-site request cannot ride on one
                .csrf(csrf -> csrf.disable());
    }

    /** The decoded, normalised path, as the dispatcher matches it. */
    private static boolean under(HttpServletRequest request, String prefix) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Puts the filter chains in front of every request, where Boot's security auto-configuration would. */
    @Bean
    DelegatingFilterProxyRegistrationBean securityFilterChainRegistration() {
        DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean(
                AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME);
        registration.setOrder(-100);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        return registration;
    }
}
