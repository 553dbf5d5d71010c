// Segments through the official @voucherify/sdk@2.9.0: create, get, delete, list(customerId).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { client, rejects } from './client.mjs'

const voucherify = client()

async function synced(id) {
  for (let i = 0; i < 300; i++) {
    const segment = await voucherify.segments.get(id)
    if (segment.initial_sync_status === 'DONE') return segment
    await sleep(50)
  }
  throw new Error(`segment ${id} did not finish syncing`)
}

test('segments.create static, get, list(customerId), delete', async () => {
  const ada = await voucherify.customers.create({ source_id: 'sdk-seg-ada', metadata: { tier: 'gold' } })
  await voucherify.customers.create({ source_id: 'sdk-seg-bob', metadata: { tier: 'silver' } })

  const list = await voucherify.segments.create({ name: 'VIP list', type: 'static', customers: [ada.id, 'sdk-seg-bob'] })
  assert.equal(list.object, 'segment')
  assert.match(list.id, /^seg_/)
  assert.equal(list.name, 'VIP list')
  assert.equal(list.type, 'static')
  assert.equal(list.filter, null)
  assert.equal(list.initial_sync_status, 'DONE')
  assert.match(list.created_at, /Z$/)

  const got = await voucherify.segments.get(list.id)
  assert.deepEqual(got, list)

  const ofAda = await voucherify.segments.list(ada.id)
  assert.equal(ofAda.object, 'list')
  assert.equal(ofAda.data_ref, 'data')
  assert.equal(ofAda.total, 1)
  assert.deepEqual(ofAda.data, [{ id: list.id, name: 'VIP list', object: 'segment' }])
  const ofBob = await voucherify.segments.list('sdk-seg-bob')
  assert.equal(ofBob.data[0].id, list.id)

  const deleted = await voucherify.segments.delete(list.id)
  assert.ok(!deleted, '204 without a body')
  const gone = await rejects(() => voucherify.segments.get(list.id))
  assert.equal(gone.code, 404)
  assert.equal(gone.key, 'not_found')
  assert.equal((await voucherify.segments.list(ada.id)).total, 0)
})

test('segments.create auto-update syncs and follows customer changes', async () => {
  const gold = await voucherify.segments.create({
    name: 'Gold', type: 'auto-update',
    filter: { junction: 'AND', 'metadata.tier': { conditions: { $is: 'gold' } } },
  })
  assert.equal(gold.type, 'auto-update')
  assert.deepEqual(gold.filter, { junction: 'AND', 'metadata.tier': { conditions: { $is: 'gold' } } })
  assert.ok(['IN_PROGRESS', 'DONE'].includes(gold.initial_sync_status))
  await synced(gold.id)

  const ada = await voucherify.customers.get('sdk-seg-ada')
  assert.deepEqual((await voucherify.segments.list(ada.id)).data.map(s => s.id), [gold.id])

  const cy = await voucherify.customers.create({ source_id: 'sdk-seg-cy', metadata: { tier: 'gold' } })
  let ofCy
  for (let i = 0; i < 100; i++) {
    ofCy = await voucherify.segments.list(cy.id)
    if (ofCy.total === 1) break
    await sleep(50)
  }
  assert.deepEqual(ofCy.data, [{ id: gold.id, name: 'Gold', object: 'segment' }])

  const members = await voucherify.customers.list({ segment_id: gold.id, limit: 10 })
  assert.deepEqual(members.customers.map(c => c.source_id).sort(), ['sdk-seg-ada', 'sdk-seg-cy'])
  await voucherify.segments.delete(gold.id)
})

test('segments.create passive is accepted by the API', async () => {
  const passive = await voucherify.segments.create({
    name: 'Later', type: 'passive', filter: { 'events.sdk_login.count': { conditions: { $more_than: ['0'] } } },
  })
  assert.equal(passive.type, 'passive')
  await synced(passive.id)
})

test('a wrong filter is a VoucherifyError naming the field', async () => {
  const e = await rejects(() => voucherify.segments.create({
    name: 'Bad', type: 'auto-update', filter: { 'shoe_size': { conditions: { $is: 42 } } },
  }))
  assert.equal(e.code, 400)
  assert.equal(e.key, 'invalid_segment')
  assert.match(e.details, /filter\.shoe_size is not a known field/)
  const unknown = await rejects(() => voucherify.segments.create({ name: 'x', type: 'static', customers: ['sdk-nobody'] }))
  assert.equal(unknown.code, 404)
  assert.match(unknown.details, /sdk-nobody/)
})
