package dev.herald.dashboard;

import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sign-in, sessions and CSRF for {@code /dashboard/**} only. Spring Security's and Spring Session's
 * servlet filters are mapped to {@code /dashboard/*} alone, so {@code /v1/**} (API keys), {@code
 * /public/**} and {@code /health} never pass through them — not even through the firewall, which
 * would refuse voucher codes with an encoded slash. Not loaded by the command-line tools (no web
 * server there).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DashboardSecurity {

  static final String PATHS = "/dashboard/*";

  @Bean
  SecurityFilterChain dashboardFilterChain(HttpSecurity http) throws Exception {
    http.securityMatcher("/dashboard/**")
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/dashboard/login", "/dashboard/signup", "/dashboard/assets/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(
            f ->
                f.loginPage("/dashboard/login")
                    .loginProcessingUrl("/dashboard/login")
                    .usernameParameter("email")
                    .passwordParameter("password")
                    .defaultSuccessUrl("/dashboard/distributions", false)
                    .failureHandler(
                        (request, response, e) ->
                            response.sendRedirect(
                                request.getContextPath()
                                    + "/dashboard/login?error="
                                    + (e instanceof LockedException ? "locked" : "credentials"))))
        .logout(l -> l.logoutUrl("/dashboard/logout").logoutSuccessUrl("/dashboard/login?out"))
        .headers(
            h ->
                h.contentSecurityPolicy(
                        c ->
                            c.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'"
                                    + " 'unsafe-inline'; img-src 'self' data: https: http:;"
                                    + " frame-src 'self' about:; object-src 'none';"
                                    + " base-uri 'self'; form-action 'self';"
                                    + " frame-ancestors 'self'"))
                    .referrerPolicy(
                        r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }

  /** The one way to sign in: a dashboard user's email and password (no in-memory default user). */
  @Bean
  AuthenticationProvider dashboardAuthentication(DashboardUsers users) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication auth) throws AuthenticationException {
        DashboardUsers.SignIn result =
            users.signIn(auth.getName(), String.valueOf(auth.getCredentials()));
        if (result instanceof DashboardUsers.SignIn.Accepted ok) {
          return UsernamePasswordAuthenticationToken.authenticated(
              ok.user(), null, AuthorityUtils.createAuthorityList("ROLE_MARKETER"));
        }
        if (result instanceof DashboardUsers.SignIn.Rejected r && r.reason().equals("locked")) {
          throw new LockedException("locked");
        }
        throw new BadCredentialsException("bad credentials");
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
      }
    };
  }

  /** Maps the security and session filters to the dashboard's paths only. */
  @Bean
  static BeanPostProcessor dashboardOnlyFilters() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) throws BeansException {
        if (bean instanceof AbstractFilterRegistrationBean<?> registration
            && (name.equals("securityFilterChainRegistration")
                || name.equals("sessionRepositoryFilterRegistration"))) {
          registration.setUrlPatterns(List.of(PATHS));
        }
        return bean;
      }
    };
  }
}
