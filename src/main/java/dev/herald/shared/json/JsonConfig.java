package dev.herald.shared.json;

import dev.herald.shared.Times;
import java.time.Instant;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * JSON as Voucherify speaks it: snake_case properties (map keys such as metadata are left as
 * given), times as {@code 2024-01-01T00:00:00.000Z}, nulls included.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

  @Bean
  JsonMapperBuilderCustomizer heraldJson() {
    SimpleModule times = new SimpleModule("herald-times");
    times.addSerializer(
        Instant.class,
        new ValueSerializer<Instant>() {
          @Override
          public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(Times.format(value));
          }
        });
    return builder ->
        builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).addModule(times);
  }
}
