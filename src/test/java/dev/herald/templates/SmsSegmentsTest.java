package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

  @Test
  void gsm7HoldsOneHundredSixtyCharactersInOneSegment() {
    assertThat(SmsSegments.count("a".repeat(160)))
        .isEqualTo(new SmsSegments.Count("GSM-7", 1, 160));
    assertThat(SmsSegments.count("a".repeat(161)))
        .isEqualTo(new SmsSegments.Count("GSM-7", 2, 161));
    assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
  }

  @Test
  void gsm7ExtensionCharactersTakeTwoSeptets() {
    assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(new SmsSegments.Count("GSM-7", 1, 160));
    assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(new SmsSegments.Count("GSM-7", 2, 162));
    assertThat(SmsSegments.count("[]{}^~|\\").units()).isEqualTo(16);
  }

  @Test
  void anEscapePairIsNeverSplitAcrossSegments() {
    // 152 septets then a 2-septet character: it cannot start in the first segment's last septet
    String text = "a".repeat(152) + "€" + "a".repeat(10);
    assertThat(SmsSegments.count(text)).isEqualTo(new SmsSegments.Count("GSM-7", 2, 164));
    String exact = "a".repeat(151) + "€" + "a".repeat(151) + "€";
    assertThat(SmsSegments.count(exact).segments()).isEqualTo(2);
    assertThat(SmsSegments.count(exact + "a").segments()).isEqualTo(3);
  }

  @Test
  void gsm7IncludesItsAccentedLettersAndGreek() {
    assertThat(SmsSegments.gsm7("Ça coûte 5€ à Zürich: ΔΦΓ èéùìò ÄÖÑÜ§¿"))
        .isFalse(); // û is not GSM-7
    assertThat(SmsSegments.gsm7("Ça va à Zürich: ΔΦΓ èéùìò ÄÖÑÜ§¿ 5€ @£$¥")).isTrue();
  }

  @Test
  void ucs2HoldsSeventyUnitsInOneSegmentAndSixtySevenPerPart() {
    assertThat(SmsSegments.count("ą".repeat(70))).isEqualTo(new SmsSegments.Count("UCS-2", 1, 70));
    assertThat(SmsSegments.count("ą".repeat(71))).isEqualTo(new SmsSegments.Count("UCS-2", 2, 71));
    assertThat(SmsSegments.count("ą".repeat(134)).segments()).isEqualTo(2);
    assertThat(SmsSegments.count("ą".repeat(135)).segments()).isEqualTo(3);
  }

  @Test
  void anEmojiCountsTwoUnitsAndIsNeverSplit() {
    assertThat(SmsSegments.count("Hi 😀")).isEqualTo(new SmsSegments.Count("UCS-2", 1, 5));
    String text = "a".repeat(66) + "😀" + "a".repeat(5);
    assertThat(SmsSegments.count(text)).isEqualTo(new SmsSegments.Count("UCS-2", 2, 73));
  }

  @Test
  void emptyTextIsNoSegment() {
    assertThat(SmsSegments.count("").segments()).isZero();
  }
}
