package dev.herald.campaigns;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The images behind {@code assets.qr.url} and {@code assets.barcode.url}: a QR code or a Code 128
 * barcode of the voucher's code, as PNG or SVG. {@code size} (1–100) scales the image: pixels per
 * module, 4 by default for QR, 2 for barcodes.
 */
@Service
public class Assets {

  /** An image and its media type. */
  public record Image(byte[] bytes, String contentType) {}

  private final VoucherRepository vouchers;

  Assets(VoucherRepository vouchers) {
    this.vouchers = vouchers;
  }

  /** The image for an asset key, or empty when no live voucher has it. */
  public Optional<Image> render(String kind, String key, int size, String format) {
    return vouchers.byAssetKey(key).map(v -> draw(kind, v.code(), size, format));
  }

  static Image draw(String kind, String code, int size, String format) {
    try {
      boolean qr = kind.equals("qr");
      int scale = Math.max(1, Math.min(100, size > 0 ? size : qr ? 4 : 2));
      BitMatrix m =
          qr
              ? new QRCodeWriter()
                  .encode(
                      code,
                      BarcodeFormat.QR_CODE,
                      0,
                      0,
                      Map.of(EncodeHintType.MARGIN, 2, EncodeHintType.CHARACTER_SET, "UTF-8"))
              : new Code128Writer()
                  .encode(code, BarcodeFormat.CODE_128, 0, 0, Map.of(EncodeHintType.MARGIN, 10));
      int height = qr ? m.getHeight() : 40;
      return format.equals("svg") ? svg(m, scale, qr, height) : png(m, scale, qr, height);
    } catch (WriterException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot draw " + kind + " for a code", e);
    }
  }

  private static Image png(BitMatrix m, int scale, boolean qr, int height) {
    BitMatrix scaled = new BitMatrix(m.getWidth() * scale, height * scale);
    for (int y = 0; y < height * scale; y++) {
      for (int x = 0; x < m.getWidth() * scale; x++) {
        if (m.get(x / scale, qr ? y / scale : 0)) {
          scaled.set(x, y);
        }
      }
    }
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      MatrixToImageWriter.writeToStream(scaled, "PNG", out);
      return new Image(out.toByteArray(), "image/png");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Image svg(BitMatrix m, int scale, boolean qr, int height) {
    int w = m.getWidth() * scale;
    int h = height * scale;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(h)
        .append(
            "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
    for (int y = 0; y < (qr ? m.getHeight() : 1); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          s.append('M')
              .append(x * scale)
              .append(' ')
              .append(qr ? y * scale : 0)
              .append('h')
              .append(scale)
              .append('v')
              .append(qr ? scale : h)
              .append('h')
              .append(-scale)
              .append('z');
        }
      }
    }
    s.append("\"/></svg>");
    return new Image(s.toString().getBytes(StandardCharsets.UTF_8), "image/svg+xml");
  }
}
