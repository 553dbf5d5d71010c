package dev.herald.messaging;

import dev.herald.projects.Project;
import dev.herald.projects.Projects;
import dev.herald.shared.web.Body;
import dev.herald.templates.Templates;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the code-writing integrations (Mailchimp, Braze) share: the project's credentials must exist
 * before going live, and the code with its QR and barcode image URLs comes from the message.
 */
final class IntegrationChannels {

  /** The message's code and the URLs of its images (the voucher's own assets when it has them). */
  record Code(String code, String qrUrl, String barcodeUrl) {}

  private IntegrationChannels() {}

  static void requireConfigured(
      Body body,
      boolean complete,
      ChannelContext context,
      Projects projects,
      Integrations integrations,
      String provider) {
    if (!complete || context.project() == null) {
      return;
    }
    Project project = projects.get(context.project());
    Optional<JsonNode> settings = integrations.of(project, provider);
    if (settings.isEmpty() || !Integrations.configured(provider, settings.get())) {
      throw body.invalid(
          "type",
          provider
              + " needs the project's "
              + provider
              + " credentials before going live: set them with PUT /v1/projects/current/integrations");
    }
  }

  static Optional<Code> code(Message m, Project project, Templates templates) {
    JsonNode voucher = m.context().path("data").path("voucher");
    String code =
        m.voucherCode() != null && !m.voucherCode().isBlank()
            ? m.voucherCode()
            : voucher.path("code").asString("");
    if (code.isBlank()) {
      return Optional.empty();
    }
    boolean same = code.equals(voucher.path("code").asString(""));
    String qr = same ? voucher.path("assets").path("qr").path("url").asString("") : "";
    String barcode = same ? voucher.path("assets").path("barcode").path("url").asString("") : "";
    return Optional.of(
        new Code(
            code,
            qr.isBlank() ? templates.codeImageUrl(project.id(), code, true) : qr,
            barcode.isBlank() ? templates.codeImageUrl(project.id(), code, false) : barcode));
  }
}
