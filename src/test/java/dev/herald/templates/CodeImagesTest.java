package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeImagesTest {

  private static final String LONG =
      "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";

  /** Reads a QR code or barcode back with ZXing's reader. */
  static String decode(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      Result result =
          new MultiFormatReader()
              .decode(
                  new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))));
      return result.getText();
    } catch (IOException | NotFoundException e) {
      throw new AssertionError("could not decode the image", e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"SUMMER-7Q2X", "a", "ÖZIL-ÇØDE-ß", "CODE/WITH/SLASHES+AND SPACE", LONG})
  void aQrCodeDecodesBackToTheCode(String code) {
    CodeImages.Image image = CodeImages.png(CodeImages.Kind.QR, code, 0);
    assertThat(image.contentType()).isEqualTo("image/png");
    assertThat(decode(image.bytes())).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SUMMER-7Q2X", "12345678", "code with space"})
  void aBarcodeDecodesBackToTheCode(String code) {
    assertThat(decode(CodeImages.png(CodeImages.Kind.BARCODE, code, 0).bytes())).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 10})
  void everyScaleStillDecodes(int size) {
    CodeImages.Image image = CodeImages.png(CodeImages.Kind.QR, "SCALE-ME", size);
    assertThat(decode(image.bytes())).isEqualTo("SCALE-ME");
  }

  @ParameterizedTest
  @ValueSource(strings = {"qr", "barcode"})
  void svgImagesAreWellFormedVectorImages(String kind) throws Exception {
    CodeImages.Image svg = CodeImages.svg(CodeImages.Kind.of(kind), "SVG-1", 0);
    assertThat(svg.contentType()).isEqualTo("image/svg+xml");
    String text = new String(svg.bytes(), StandardCharsets.UTF_8);
    javax.xml.parsers.DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.bytes()));
    assertThat(text).startsWith("<svg").contains("<path");
  }
}
