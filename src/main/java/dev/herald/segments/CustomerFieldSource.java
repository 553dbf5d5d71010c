package dev.herald.segments;

import dev.herald.customers.CustomerSql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The customer profile's fields: attributes, {@code address.*}, {@code metadata.*} (typed by the
 * condition: string, number, boolean or date), {@code created_at}, {@code updated_at} and {@code
 * birthdate} (with the anniversary operators). The SQL comes from the customers module's {@link
 * CustomerSql} fragments over the customer row of the query.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CustomerFieldSource implements SegmentFieldSource {

  private static final String ADDRESS = "address.";
  private static final String METADATA = "metadata.";

  @Override
  public Optional<SegmentField> field(String path) {
    if (path.startsWith(ADDRESS)) {
      String part = path.substring(ADDRESS.length());
      return CustomerSql.addressFields().contains(part)
          ? Optional.of(SegmentField.of(path, FieldType.STRING).withDetail(part))
          : Optional.empty();
    }
    if (path.startsWith(METADATA) && path.length() > METADATA.length()) {
      return Optional.of(
          SegmentField.of(path, FieldType.INFERRED).withDetail(path.substring(METADATA.length())));
    }
    return CustomerSql.attribute(path)
        .map(
            a -> {
              SegmentField f = SegmentField.of(path, type(a.sqlType())).withDetail(a.name());
              return a.sqlType().equals("date") ? f.withAnniversary() : f;
            });
  }

  private static FieldType type(String sqlType) {
    return switch (sqlType) {
      case "date" -> FieldType.DATE;
      case "timestamptz" -> FieldType.DATETIME;
      default -> FieldType.STRING;
    };
  }

  @Override
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    CustomerSql.attributes().forEach(a -> out.add(a.name()));
    out.add("birthday");
    CustomerSql.addressFields().forEach(f -> out.add(ADDRESS + f));
    out.add("metadata.<key>");
    return out;
  }

  @Override
  public String value(SegmentField field, SqlContext sql) {
    String alias = sql.customerAlias();
    if (field.path().startsWith(ADDRESS)) {
      return CustomerSql.address(alias, field.detail());
    }
    if (field.path().startsWith(METADATA)) {
      return metadata(CustomerSql.metadata(alias, sql.bind(field.detail())), field.type(), sql);
    }
    return CustomerSql.column(alias, CustomerSql.attribute(field.detail()).orElseThrow());
  }

  /** A metadata value read as the settled type; a value of another JSON type reads as null. */
  private static String metadata(String m, FieldType type, SqlContext sql) {
    String text = "(" + m + " #>> '{}')";
    return switch (type) {
      case STRING -> text;
      case NUMBER ->
          "(case when jsonb_typeof("
              + m
              + ") = 'number' then "
              + text
              + "::numeric when jsonb_typeof("
              + m
              + ") = 'string' and "
              + text
              + " ~ '^\\s*-?\\d+(\\.\\d+)?\\s*$' then trim("
              + text
              + ")::numeric end)";
      case BOOLEAN ->
          "(case when jsonb_typeof("
              + m
              + ") = 'boolean' or "
              + text
              + " in ('true', 'false') then "
              + text
              + "::boolean end)";
      case DATE, DATETIME ->
          "(case when jsonb_typeof("
              + m
              + ") = 'string' then segment_date("
              + text
              + ", cast("
              + sql.zone()
              + " as text)) end)";
      default -> throw new IllegalStateException("unsettled metadata type");
    };
  }

  @Override
  public Set<String> changedBy() {
    return Set.of("customer.created", "customer.updated", "customer.deleted");
  }
}
