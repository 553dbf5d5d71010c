package dev.herald.customers;

import dev.herald.shared.web.Body;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields a request sets on a customer. Each {@code Optional} is empty when the field was
 * omitted (leave as is); a {@code Field} with a null value clears it.
 */
public record CustomerInput(
    Optional<String> id,
    Optional<String> sourceId,
    Field<String> name,
    Field<String> description,
    Field<String> email,
    Field<String> phone,
    Field<LocalDate> birthdate,
    Field<ObjectNode> address,
    Field<ObjectNode> metadata) {

  static final List<String> ADDRESS_FIELDS =
      List.of("city", "state", "line_1", "line_2", "country", "postal_code");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

  /** A field that was given (possibly as null) or not. */
  public record Field<T>(boolean given, T value) {

    static <T> Field<T> absent() {
      return new Field<>(false, null);
    }

    static <T> Field<T> of(Body body, String name, Optional<T> value) {
      return body.has(name) ? new Field<>(true, value.orElse(null)) : absent();
    }
  }

  /** Reads and validates a customer object; errors carry {@code errorKey} and the field path. */
  public static CustomerInput from(Body body) {
    Field<String> email = Field.of(body, "email", body.string("email"));
    if (email.value() != null
        && !email.value().isEmpty()
        && !EMAIL.matcher(email.value()).matches()) {
      throw body.invalid("email", "is not a valid email address (got '" + email.value() + "')");
    }
    Field<LocalDate> birthdate =
        body.has("birthdate")
            ? Field.of(body, "birthdate", body.date("birthdate"))
            : Field.of(body, "birthday", body.date("birthday"));
    Field<ObjectNode> address = Field.absent();
    if (body.has("address")) {
      Optional<Body> a = body.object("address");
      a.ifPresent(addr -> ADDRESS_FIELDS.forEach(f -> addr.string(f))); // type-check each part
      address = new Field<>(true, a.map(Body::node).map(ObjectNode::deepCopy).orElse(null));
    }
    Optional<String> sourceId = body.string("source_id");
    if (sourceId.isPresent() && sourceId.get().isBlank()) {
      throw body.invalid("source_id", "must not be blank");
    }
    return new CustomerInput(
        body.string("id"),
        sourceId,
        Field.of(body, "name", body.string("name")),
        Field.of(body, "description", body.string("description")),
        email,
        Field.of(body, "phone", body.string("phone")),
        birthdate,
        address,
        Field.of(body, "metadata", body.metadata("metadata").map(ObjectNode::deepCopy)));
  }

  /** Only an id or source_id: the form a customer reference often takes. */
  public static CustomerInput reference(String idOrSourceId) {
    boolean isId = idOrSourceId.startsWith("cust_");
    return new CustomerInput(
        isId ? Optional.of(idOrSourceId) : Optional.empty(),
        isId ? Optional.empty() : Optional.of(idOrSourceId),
        Field.absent(),
        Field.absent(),
        Field.absent(),
        Field.absent(),
        Field.absent(),
        Field.absent(),
        Field.absent());
  }
}
