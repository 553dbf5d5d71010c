package dev.herald.templates;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * QR codes and Code 128 barcodes of a voucher code (ZXing), drawn as 1-bit PNG (a small encoder of
 * our own: a QR PNG is a few hundred bytes and takes microseconds) or as SVG.
 */
final class CodeImages {

  enum Kind {
    QR("qr"),
    BARCODE("barcode");

    final String key;

    Kind(String key) {
      this.key = key;
    }

    static Kind of(String key) {
      return key.equals("barcode") ? BARCODE : QR;
    }
  }

  record Image(byte[] bytes, String contentType, int width, int height) {}

  static final int DEFAULT_QR_SCALE = 5;
  static final int DEFAULT_BARCODE_SCALE = 2;
  static final int BARCODE_HEIGHT = 60;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private CodeImages() {}

  static BitMatrix matrix(Kind kind, String code) {
    try {
      if (kind == Kind.QR) {
        return new QRCodeWriter()
            .encode(
                code,
                BarcodeFormat.QR_CODE,
                0,
                0,
                Map.of(
                    EncodeHintType.MARGIN,
                    4,
                    EncodeHintType.CHARACTER_SET,
                    "UTF-8",
                    EncodeHintType.ERROR_CORRECTION,
                    ErrorCorrectionLevel.M));
      }
      return new Code128Writer()
          .encode(code, BarcodeFormat.CODE_128, 0, 0, Map.of(EncodeHintType.MARGIN, 10));
    } catch (WriterException | IllegalArgumentException e) {
      throw new TemplateException("cannot draw a " + kind.key + " of this code: " + e.getMessage());
    }
  }

  /**
   * Pixels per module: the default, or {@code size} when given, between 2 (one-pixel modules do not
   * scan reliably) and 20.
   */
  static int scale(Kind kind, int size) {
    if (size <= 0) {
      return kind == Kind.QR ? DEFAULT_QR_SCALE : DEFAULT_BARCODE_SCALE;
    }
    return Math.max(2, Math.min(20, size));
  }

  /** Pixel width and height of the image at a scale. */
  static int[] dimensions(Kind kind, BitMatrix m, int scale) {
    int height = kind == Kind.QR ? m.getHeight() * scale : BARCODE_HEIGHT * scale / 2;
    return new int[] {m.getWidth() * scale, height};
  }

  static Image png(Kind kind, String code, int size) {
    BitMatrix m = matrix(kind, code);
    int scale = scale(kind, size);
    int[] d = dimensions(kind, m, scale);
    return new Image(png(m, kind, scale, d[0], d[1]), "image/png", d[0], d[1]);
  }

  static Image svg(Kind kind, String code, int size) {
    BitMatrix m = matrix(kind, code);
    int scale = scale(kind, size);
    int[] d = dimensions(kind, m, scale);
    StringBuilder s = new StringBuilder(4096);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(d[0])
        .append("\" height=\"")
        .append(d[1])
        .append("\" viewBox=\"0 0 ")
        .append(m.getWidth())
        .append(' ')
        .append(kind == Kind.QR ? m.getHeight() : 1)
        .append("\" preserveAspectRatio=\"none\" shape-rendering=\"crispEdges\">")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
    int rows = kind == Kind.QR ? m.getHeight() : 1;
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          s.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
        }
      }
    }
    s.append("\"/></svg>");
    return new Image(s.toString().getBytes(StandardCharsets.UTF_8), "image/svg+xml", d[0], d[1]);
  }

  /** A grayscale 1-bit PNG: 0 is black, 1 white; each module drawn as scale × scale pixels. */
  private static byte[] png(BitMatrix m, Kind kind, int scale, int width, int height) {
    int rowBytes = (width + 7) / 8;
    byte[] raw = new byte[(rowBytes + 1) * height];
    byte[] row = new byte[rowBytes];
    int p = 0;
    int previousModuleRow = -1;
    for (int y = 0; y < height; y++) {
      int moduleRow = kind == Kind.QR ? y / scale : 0;
      if (moduleRow != previousModuleRow) {
        java.util.Arrays.fill(row, (byte) 0xff);
        for (int x = 0; x < width; x++) {
          if (m.get(x / scale, moduleRow)) {
            row[x >> 3] &= (byte) ~(0x80 >>> (x & 7));
          }
        }
        previousModuleRow = moduleRow;
      }
      raw[p++] = 0; // filter: none
      System.arraycopy(row, 0, raw, p, rowBytes);
      p += rowBytes;
    }
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 4 + 64);
    byte[] buf = new byte[4096];
    while (!deflater.finished()) {
      int n = deflater.deflate(buf);
      compressed.write(buf, 0, n);
    }
    deflater.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.size() + 64);
    out.writeBytes(SIGNATURE);
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = 1; // bit depth
    ihdr[9] = 0; // grayscale
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", compressed.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] len = new byte[4];
    putInt(len, 0, data.length);
    out.writeBytes(len);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    out.writeBytes(c);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
