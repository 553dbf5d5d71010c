package dev.herald;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.Api;
import dev.herald.support.HeraldTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ApiConventionsTest extends HeraldTest {

  private Api api;

  @BeforeEach
  void project() {
    api = newProject();
  }

  @Test
  void healthIsUpWithoutKeys() {
    Api.Response r = anonymous().get("/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asString()).isEqualTo("UP");
  }

  @Test
  void aCodeWithASlashIsAddressedEncodedAndAMalformedUrlIsAnErrorJson() throws Exception {
    Api.Response created =
        api.post(
            "/v1/vouchers/A%2FB",
            Map.of(
                "type",
                "DISCOUNT_VOUCHER",
                "discount",
                Map.of("type", "PERCENT", "percent_off", 10)));
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(created.json().get("code").asString()).isEqualTo("A/B");

    Api.Response got = api.get("/v1/vouchers/A%2FB");
    assertThat(got.status()).as(got.text()).isEqualTo(200);
    assertThat(got.json().get("code").asString()).isEqualTo("A/B");
    Api.Response missing = api.get("/v1/vouchers/NO%2FSUCH");
    assertThat(missing.status()).as(missing.text()).isEqualTo(404);
    assertThat(missing.json().get("key").asString()).isEqualTo("not_found");

    // a client that sends a malformed escape (the JDK's client refuses to): an error JSON too
    String raw = rawGet("/v1/vouchers/A%zzB");
    assertThat(raw).startsWith("HTTP/1.1 400");
    assertThat(Api.parse(raw.substring(raw.indexOf("\r\n\r\n") + 4)).get("code").asInt())
        .as(raw)
        .isEqualTo(400);
  }

  private String rawGet(String path) throws java.io.IOException {
    java.net.URI base = java.net.URI.create(api.base());
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + base.getHost()
              + "\r\nX-App-Id: "
              + api.appId()
              + "\r\nX-App-Token: "
              + api.appToken()
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void missingOrWrongKeysAre401WithErrorJson() {
    Api.Response missing = anonymous().get("/v1/customers");
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.json().get("code").asInt()).isEqualTo(401);
    assertThat(missing.json().get("key").asString()).isEqualTo("unauthorized");
    assertThat(missing.json().get("request_id").asString()).startsWith("v-");

    Api wrong = new Api(api.base(), api.appId(), "not-the-token");
    assertThat(wrong.get("/v1/customers").status()).isEqualTo(401);
    Api unknown = new Api(api.base(), "no-such-app", api.appToken());
    assertThat(unknown.post("/v1/customers", Map.of("name", "x")).status()).isEqualTo(401);
  }

  @Test
  void rotatedKeysStopWorkingAndNewOnesWork() {
    var project = projects.authenticate(api.appId(), api.appToken()).orElseThrow();
    var fresh = projects.rotateKeys(project);

    assertThat(api.get("/v1/customers").status()).isEqualTo(401);
    assertThat(new Api(api.base(), fresh.appId(), fresh.appToken()).get("/v1/customers").status())
        .isEqualTo(200);
  }

  @Test
  void everyErrorHasTheVoucherifyShape() {
    for (Api.Response r :
        List.of(
            api.post("/v1/customers", "{\"name\": "),
            api.post("/v1/customers", "{\"name\": 12}"),
            api.get("/v1/customers/cust_missing"),
            api.get("/v1/no-such-thing"),
            api.send("PATCH", "/v1/customers", "{}", Map.of()),
            api.send("POST", "/v1/customers", "x=1", Map.of("Content-Type", "text/plain")))) {
      JsonNode body = r.json();
      assertThat(r.status()).isBetween(400, 499);
      assertThat(body.get("code").asInt()).isEqualTo(r.status());
      assertThat(body.has("key")).isTrue();
      assertThat(body.has("message")).isTrue();
      assertThat(body.has("details")).isTrue();
      assertThat(body.get("request_id").asString()).isEqualTo(r.header("X-Request-Id"));
    }
  }

  @Test
  void malformedJsonIs400InvalidPayload() {
    Api.Response r = api.post("/v1/customers", "{not json");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("key").asString()).isEqualTo("invalid_payload");
    assertThat(api.post("/v1/customers", "").status()).isEqualTo(400);
  }

  @Test
  void bodiesOverOneMebibyteAre413AndStoreNothing() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";
    Api.Response r = api.post("/v1/customers", big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("key").asString()).isEqualTo("request_entity_too_large");

    // chunked, so no Content-Length can be checked up front
    HttpRequest chunked =
        HttpRequest.newBuilder(URI.create(api.base() + "/v1/customers"))
            .header("X-App-Id", api.appId())
            .header("X-App-Token", api.appToken())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(big.getBytes())))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(api.get("/v1/customers").json().get("total").asInt()).isZero();
  }

  @Test
  void rateLimitHeadersAreSent() {
    Api.Response r = api.get("/v1/customers");
    long limit = Long.parseLong(r.header("x-rate-limit-limit"));
    long remaining = Long.parseLong(r.header("x-rate-limit-remaining"));
    assertThat(limit).isPositive();
    assertThat(remaining).isLessThan(limit);
  }

  @Test
  void idempotencyKeyReplaysTheFirstResponse() {
    Map<String, String> key = Map.of("Idempotency-Key", "create-frank");
    Api.Response first = api.send("POST", "/v1/customers", "{\"name\":\"Frank\"}", key);
    Api.Response second = api.send("POST", "/v1/customers", "{\"name\":\"Frank\"}", key);

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(api.get("/v1/customers").json().get("total").asInt()).isEqualTo(1);
  }

  @Test
  void idempotencyKeyWithAnotherBodyIs422() {
    Map<String, String> key = Map.of("Idempotency-Key", "k-422");
    api.send("POST", "/v1/customers", "{\"name\":\"A\"}", key);
    Api.Response other = api.send("POST", "/v1/customers", "{\"name\":\"B\"}", key);

    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().get("key").asString()).isEqualTo("idempotency_key_reused");
    assertThat(api.get("/v1/customers").json().get("total").asInt()).isEqualTo(1);
  }

  @Test
  void idempotencyKeyIsPerProject() {
    Api other = newProject();
    Map<String, String> key = Map.of("Idempotency-Key", "shared-key");
    api.send("POST", "/v1/customers", "{\"name\":\"A\"}", key);
    Api.Response r = other.send("POST", "/v1/customers", "{\"name\":\"A\"}", key);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Idempotent-Replayed")).isNull();
    assertThat(other.get("/v1/customers").json().get("total").asInt()).isEqualTo(1);
  }

  @Test
  void concurrentRequestsWithOneKeyRunOnce() throws Exception {
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Api.Response>> calls =
        java.util.stream.IntStream.range(0, n)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            start.await();
                          } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                          }
                          return api.send(
                              "POST",
                              "/v1/events",
                              "{\"event\":\"race\",\"customer\":{\"source_id\":\"racer\"}}",
                              Map.of("Idempotency-Key", "race-1"));
                        },
                        pool))
            .toList();
    start.countDown();
    List<Integer> statuses = calls.stream().map(c -> c.join().status()).toList();
    pool.shutdown();

    assertThat(statuses).containsOnly(200, 409);
    JsonNode activity = api.get("/v1/customers/racer/activity").json().get("data");
    assertThat(activity.findValuesAsString("type")).containsOnlyOnce("customer.custom_event");
  }

  @Test
  void queryBracketsAreParsedEncodedOrNot() {
    api.post("/v1/customers", Map.of("name", "Q"));
    assertThat(
            api.get("/v1/customers?created_at%5Bbefore%5D=2000-01-01").json().get("total").asInt())
        .isZero();
    assertThat(api.get("/v1/customers?created_at[before]=2000-01-01").json().get("total").asInt())
        .isZero();
    assertThat(
            api.get("/v1/customers?created_at%5Bafter%5D=2000-01-01").json().get("total").asInt())
        .isEqualTo(1);
  }
}
