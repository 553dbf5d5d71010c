package dev.herald.shared;

/**
 * An API input the caller must fix, or a resource that is not there. Rendered as Voucherify's error
 * JSON ({@code code, key, message, details, request_id}) with a 4xx status; never a 5xx.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String key;
  private final String details;
  private final String resourceId;
  private final String resourceType;
  private tools.jackson.databind.node.ObjectNode extra;

  public ApiException(
      int status,
      String key,
      String message,
      String details,
      String resourceId,
      String resourceType) {
    super(message);
    this.status = status;
    this.key = key;
    this.details = details;
    this.resourceId = resourceId;
    this.resourceType = resourceType;
  }

  public ApiException(int status, String key, String message, String details) {
    this(status, key, message, details, null, null);
  }

  public static ApiException badRequest(String key, String details) {
    return new ApiException(400, key, messageFor(key), details);
  }

  public static ApiException notFound(String resourceType, String id) {
    return new ApiException(
        404,
        "not_found",
        "Resource not found",
        "Cannot find " + resourceType + " with id " + id,
        id,
        resourceType);
  }

  public static ApiException conflict(String key, String details) {
    return new ApiException(409, key, messageFor(key), details);
  }

  public static ApiException unprocessable(String key, String details) {
    return new ApiException(422, key, messageFor(key), details);
  }

  private static String messageFor(String key) {
    String words = key.replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /**
   * Adds fields to the error body beyond the standard ones (e.g. a validation rule's custom {@code
   * error: {message}}).
   */
  public ApiException withExtra(tools.jackson.databind.node.ObjectNode fields) {
    this.extra = fields;
    return this;
  }

  public tools.jackson.databind.node.ObjectNode extra() {
    return extra;
  }

  public int status() {
    return status;
  }

  public String key() {
    return key;
  }

  public String details() {
    return details;
  }

  public String resourceId() {
    return resourceId;
  }

  public String resourceType() {
    return resourceType;
  }
}
