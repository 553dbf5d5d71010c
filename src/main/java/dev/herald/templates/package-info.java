/**
 * Message templates: the variable catalog per trigger ({@code GET /v1/templates/variables}),
 * checking templates when they are saved (unknown variables, malformed blocks, active HTML),
 * versioned storage (a message keeps the version it was queued with), rendering — email as
 * table-based HTML with inlined styles, the brand footer and a plain-text alternative; SMS with
 * GSM-7/UCS-2 segment counts; webhook payloads with types kept — QR codes and barcodes (ZXing),
 * previews ({@code POST /v1/templates/preview}), and the signed public pages customers open (code
 * images, the customer cockpit, unsubscribe). Implements the customers SPI {@code CustomerAssets}
 * ({@code customer.assets.cockpit_url}); defines the SPI {@link dev.herald.templates.WalletSource}
 * for what the cockpit shows. Owns {@code template}, {@code template_version}, {@code
 * public_link_key}. Emits nothing.
 */
package dev.herald.templates;
