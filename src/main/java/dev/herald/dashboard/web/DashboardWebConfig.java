package dev.herald.dashboard.web;

import dev.herald.dashboard.DashboardUser;
import dev.herald.shared.web.TypedArgument;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A {@link DashboardUser} controller parameter is the signed-in user; every dashboard query is
 * scoped to their project through it.
 */
@Configuration(proxyBeanMethods = false)
class DashboardWebConfig implements WebMvcConfigurer {

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new TypedArgument<>(DashboardUser.class, request -> signedIn()));
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/", "/dashboard/distributions");
    registry.addRedirectViewController("/dashboard", "/dashboard/distributions");
    registry.addRedirectViewController("/dashboard/", "/dashboard/distributions");
  }

  static DashboardUser signedIn() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof DashboardUser user) {
      return user;
    }
    throw new IllegalStateException("No signed-in dashboard user on this request");
  }
}
