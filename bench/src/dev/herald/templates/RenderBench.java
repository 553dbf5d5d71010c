package dev.herald.templates;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.node.ObjectNode;

/**
 * One email with a QR code, rendered the way the dispatcher renders a message: a compiled template
 * version (cached by id and version in production), the message's snapshot, escaping, signed links
 * and the plain-text alternative. Single-threaded, so ops/s is renders per second per core.
 *
 * <ul>
 *   <li>{@code linkedQr}: the QR code is a signed image URL (the default);
 *   <li>{@code inlineQr}: the QR code is drawn (ZXing + PNG) and carried as a MIME part.
 * </ul>
 *
 * Every render uses another code, so nothing is a constant the JIT could fold.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RenderBench {

  private static final String BLOCKS =
      """
      "subject":"Your {{voucher.value}} code, {{customer.name}}","preheader":"Valid until {{voucher.expiration_date | date}}",
      "blocks":[
        {"type":"text","html":"<h1>Hello {{customer.name | default: \\"friend\\"}}</h1><p>Thanks for order <b>{{order.source_id}}</b> of {{order.amount | money}}. Here is a code for <i>{{campaign.name}}</i>.</p>"},
        {"type":"code","show":"qr","label":"Scan at the till"},
        {"type":"button","label":"Open my wallet","href":"{{customer.assets.cockpit_url}}"},
        {"type":"divider"},
        {"type":"social","links":{"instagram":"https://instagram.com/acme","x":"https://x.com/acme"}}
      ],
      "footer":{"text":"Questions? Reply to this email."}
      """;

  private EmailTemplate linked;
  private EmailTemplate inline;
  private ObjectNode[] snapshots;
  private PublicLinks links;
  private int next;

  @Setup
  public void setup() {
    links = Fixtures.links();
    linked = EmailTemplateParser.parse(Fixtures.body("{" + BLOCKS + "}"), "customer.order.paid", true);
    inline =
        EmailTemplateParser.parse(
            Fixtures.body("{" + BLOCKS + ",\"style\":{\"code_images\":\"inline\"}}"),
            "customer.order.paid",
            true);
    snapshots = new ObjectNode[1024];
    for (int i = 0; i < snapshots.length; i++) {
      ObjectNode data = SampleData.forTrigger("customer.order.paid");
      ((ObjectNode) data.get("voucher")).put("code", "BENCH-" + Integer.toString(100_000 + i, 36).toUpperCase());
      ((ObjectNode) data.get("customer")).put("id", "cust_" + i);
      snapshots[i] = data;
    }
  }

  private RenderInput input() {
    ObjectNode data = snapshots[next++ & 1023];
    return new RenderInput(
        Fixtures.project(), data.path("customer").path("id").asString(), "msg_" + next, null, data);
  }

  @Benchmark
  public RenderedEmail linkedQr() {
    return EmailRenderer.render(linked, new Resolver(input(), links, false));
  }

  @Benchmark
  public RenderedEmail inlineQr() {
    return EmailRenderer.render(inline, new Resolver(input(), links, true));
  }
}
