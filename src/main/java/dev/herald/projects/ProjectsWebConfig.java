package dev.herald.projects;

import dev.herald.shared.web.TypedArgument;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Authentication of {@code /v1} and {@link ProjectId} controller parameters. */
@Configuration(proxyBeanMethods = false)
class ProjectsWebConfig implements WebMvcConfigurer {

  /** Runs after the request id and body-size filters, before rate limits and idempotency. */
  static final int AUTH_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

  @Bean
  FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(Projects projects) {
    FilterRegistrationBean<ApiKeyFilter> bean =
        new FilterRegistrationBean<>(new ApiKeyFilter(projects));
    bean.addUrlPatterns("/v1/*");
    bean.setOrder(AUTH_FILTER_ORDER);
    return bean;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(
        new TypedArgument<>(
            ProjectId.class,
            request -> {
              Object project = request.getAttribute(CurrentProject.ATTRIBUTE, 0);
              if (project == null) {
                throw new IllegalStateException("No authenticated project on this request");
              }
              return (ProjectId) project;
            }));
  }
}
