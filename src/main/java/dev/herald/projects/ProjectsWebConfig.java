package dev.herald.projects;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
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
        new HandlerMethodArgumentResolver() {
          @Override
          public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == ProjectId.class;
          }

          @Override
          public Object resolveArgument(
              MethodParameter parameter,
              ModelAndViewContainer mav,
              NativeWebRequest request,
              WebDataBinderFactory binders) {
            Object project = request.getAttribute(CurrentProject.ATTRIBUTE, 0);
            if (project == null) {
              throw new IllegalStateException("No authenticated project on this request");
            }
            return project;
          }
        });
  }
}
