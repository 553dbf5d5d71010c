package dev.herald.web;

import dev.herald.shared.work.Task;
import dev.herald.shared.work.TaskHandler;
import dev.herald.shared.work.TaskQueue;
import dev.herald.shared.work.TaskResult;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfig {

  static final String CLEANUP_QUEUE = "web.idempotency-cleanup";

  @Bean
  FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
      @Value("${herald.api.rate-limit-per-minute:60000}") long limit, Clock clock) {
    FilterRegistrationBean<RateLimitFilter> bean =
        new FilterRegistrationBean<>(new RateLimitFilter(limit, clock));
    bean.addUrlPatterns("/v1/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
    return bean;
  }

  @Bean
  FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
      IdempotencyRepository repository, Clock clock) {
    FilterRegistrationBean<IdempotencyFilter> bean =
        new FilterRegistrationBean<>(new IdempotencyFilter(repository, clock));
    bean.addUrlPatterns("/v1/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
    return bean;
  }

  @Bean
  ApplicationRunner scheduleIdempotencyCleanup(TaskQueue tasks, Clock clock) {
    return args -> tasks.enqueue(CLEANUP_QUEUE, null, "hourly", null, clock.instant());
  }

  /** Forgets stored responses older than 24 h, once an hour. */
  @Component
  static class Cleanup implements TaskHandler {

    private final IdempotencyRepository repository;
    private final Clock clock;

    Cleanup(IdempotencyRepository repository, Clock clock) {
      this.repository = repository;
      this.clock = clock;
    }

    @Override
    public String queue() {
      return CLEANUP_QUEUE;
    }

    @Override
    public TaskResult handle(Task task) {
      repository.deleteOlderThan(clock.instant().minus(IdempotencyFilter.RETENTION));
      return TaskResult.again(clock.instant().plus(Duration.ofHours(1)));
    }
  }
}
