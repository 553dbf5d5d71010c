// Promotion benchmarks against a running Herald (see README.md):
//  1. generate 100,000 codes for one campaign (create → vouchers_generation_status DONE)
//  2. publications per second from one campaign with 8 concurrent clients
const base = process.env.HERALD_URL ?? 'http://127.0.0.1:8080'
const headers = {
  'X-App-Id': process.env.HERALD_APP_ID, 'X-App-Token': process.env.HERALD_APP_TOKEN,
  'Content-Type': 'application/json',
}
const CODES = Number(process.env.BENCH_CODES ?? 100000)
const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS ?? 4000)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8)

async function call(method, path, body) {
  const r = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined })
  const json = await r.json()
  if (r.status !== 200) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(json)}`)
  return json
}

const run = Date.now().toString(36)
const name = `bench-${run}`
let t0 = performance.now()
await call('POST', '/v1/campaigns', {
  name, campaign_type: 'DISCOUNT_COUPONS', type: 'STATIC', vouchers_count: CODES,
  voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500 }, code_config: { length: 10 } },
})
for (;;) {
  const c = await call('GET', `/v1/campaigns/${name}`)
  if (c.vouchers_generation_status === 'DONE') {
    if (c.vouchers_count !== CODES) throw new Error(`expected ${CODES} codes, got ${c.vouchers_count}`)
    break
  }
  await new Promise(r => setTimeout(r, 200))
}
const genSeconds = (performance.now() - t0) / 1000
console.log(`generation: ${CODES} codes in ${genSeconds.toFixed(1)} s (${Math.round(CODES / genSeconds)} codes/s)`)

let next = 0
const codes = new Set()
async function client() {
  while (next < PUBLICATIONS) {
    const i = next++
    const p = await call('POST', '/v1/publications', { campaign: { name }, customer: { source_id: `bench-${run}-${i}` } })
    codes.add(p.voucher.code)
  }
}
t0 = performance.now()
await Promise.all(Array.from({ length: CLIENTS }, client))
const pubSeconds = (performance.now() - t0) / 1000
if (codes.size !== PUBLICATIONS) throw new Error(`expected ${PUBLICATIONS} distinct codes, got ${codes.size}`)
console.log(`publications: ${PUBLICATIONS} with ${CLIENTS} clients in ${pubSeconds.toFixed(1)} s ` +
  `(${Math.round(PUBLICATIONS / pubSeconds)} publications/s, all codes distinct)`)
