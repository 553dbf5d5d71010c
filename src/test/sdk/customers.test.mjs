// Customers and custom events through the official @voucherify/sdk@2.9.0.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { client, rejects } from './client.mjs'

const voucherify = client()

test('customers.create, get, update, delete', async () => {
  const created = await voucherify.customers.create({
    source_id: 'sdk-ada', name: 'Ada', email: 'ada@example.com',
    address: { city: 'London', country: 'GB' }, metadata: { vip: true }, birthdate: '1815-12-10',
  })
  assert.equal(created.object, 'customer')
  assert.match(created.id, /^cust_/)
  assert.equal(created.metadata.vip, true)

  const byId = await voucherify.customers.get(created.id)
  const bySource = await voucherify.customers.get('sdk-ada')
  assert.equal(byId.id, created.id)
  assert.equal(bySource.id, created.id)

  const updated = await voucherify.customers.update({ source_id: 'sdk-ada', phone: '+44 20 0000' })
  assert.equal(updated.id, created.id)
  assert.equal(updated.phone, '+44 20 0000')
  assert.equal(updated.name, 'Ada')

  const updatedById = await voucherify.customers.update({ id: created.id, description: 'mathematician' })
  assert.equal(updatedById.description, 'mathematician')

  await voucherify.customers.delete(created.id)
  const gone = await rejects(() => voucherify.customers.get(created.id))
  assert.equal(gone.code, 404)
  assert.equal(gone.key, 'not_found')
})

test('customers.create is an upsert by source_id', async () => {
  const first = await voucherify.customers.create({ source_id: 'sdk-upsert', name: 'One' })
  const second = await voucherify.customers.create({ source_id: 'sdk-upsert', email: 'one@example.com' })
  assert.equal(second.id, first.id)
  assert.equal(second.name, 'One')
  assert.equal(second.email, 'one@example.com')
})

test('customers.list filters and pages', async () => {
  for (let i = 0; i < 3; i++) {
    await voucherify.customers.create({ source_id: `sdk-list-${i}`, email: `list${i}@example.com`, address: { city: 'Lima' } })
  }
  const page = await voucherify.customers.list({ limit: 2, city: 'Lima' })
  assert.equal(page.object, 'list')
  assert.equal(page.data_ref, 'customers')
  assert.equal(page.customers.length, 2)
  assert.equal(page.total, 3)
  assert.equal(page.has_more, true)
  const byEmail = await voucherify.customers.list({ email: 'list1@example.com' })
  assert.equal(byEmail.customers[0].source_id, 'sdk-list-1')
  const after = await voucherify.customers.list({ created_at: { after: '2199-01-01T00:00:00Z' } })
  assert.equal(after.customers.length, 0)
})

test('customers.scroll visits every customer once, both directions', async () => {
  const ids = new Set()
  for (let i = 0; i < 23; i++) {
    ids.add((await voucherify.customers.create({ source_id: `sdk-scroll-${i}` })).id)
  }
  const all = (await voucherify.customers.list({ limit: 100 })).total
  for (const order of [undefined, 'created_at']) {
    const seen = []
    for await (const customer of voucherify.customers.scroll({ limit: 10, ...(order ? { order } : {}) })) {
      seen.push(customer.id)
    }
    assert.equal(seen.length, all, `order ${order}`)
    assert.equal(new Set(seen).size, seen.length)
    for (const id of ids) assert.ok(seen.includes(id))
  }
})

test('customers.updateConsents unsubscribes', async () => {
  const c = await voucherify.customers.create({ source_id: 'sdk-consents' })
  const result = await voucherify.customers.updateConsents(c.id, { unsubscribed: true })
  await voucherify.customers.updateConsents('sdk-consents', { cnst_news: false })
  assert.ok(!result, '204 without a body')
  const activity = await voucherify.customers.listActivity(c.id, { limit: 5 })
  assert.equal(activity.data[0].type, 'customer.updated')
})

test('events.create tracks a custom event and upserts the customer', async () => {
  const event = await voucherify.events.create('sdk_signed_up', {
    customer: { source_id: 'sdk-event', name: 'Evan' }, metadata: { plan: 'pro' },
  })
  assert.equal(event.object, 'event')
  assert.equal(event.type, 'sdk_signed_up')
  assert.equal(event.customer.source_id, 'sdk-event')
  assert.equal(event.metadata.plan, 'pro')
  const customer = await voucherify.customers.get('sdk-event')
  assert.equal(customer.name, 'Evan')
  const activity = await voucherify.customers.listActivity(customer.id, { limit: 1 })
  assert.equal(activity.data[0].type, 'customer.custom_event')
})

test('errors arrive as VoucherifyError with code, key and request_id', async () => {
  const e = await rejects(() => voucherify.customers.create({ email: 'no-at-sign' }))
  assert.equal(e.code, 400)
  assert.equal(e.key, 'invalid_customer')
  assert.match(e.request_id, /^v-/)
})
