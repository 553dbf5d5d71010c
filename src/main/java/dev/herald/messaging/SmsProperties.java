package dev.herald.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's Twilio-compatible SMS provider ({@code HERALD_SMS_BASE_URL, _ACCOUNT_SID,
 * _AUTH_TOKEN, _FROM}). Without it, SMS go to the sandbox unless a project configured its own.
 */
@ConfigurationProperties("herald.sms")
record SmsProperties(String baseUrl, String accountSid, String authToken, String from) {

  boolean configured() {
    return baseUrl != null && !baseUrl.isBlank() && accountSid != null && !accountSid.isBlank();
  }
}
