// Campaigns, vouchers, publications, orders, validation rules, validations, redemptions and
// promotions through the official @voucherify/sdk@2.9.0.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { client, rejects } from './client.mjs'

const voucherify = client()

test('campaigns, vouchers, publications, redemptions and rollback', async () => {
  const campaign = await voucherify.campaigns.create({
    name: 'sdk-campaign', campaign_type: 'DISCOUNT_COUPONS', type: 'STATIC', vouchers_count: 3,
    voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 20, amount_limit: 1000 },
      redemption: { quantity: 2 }, code_config: { pattern: 'SDK-####', suffix: '-X' } },
  })
  assert.equal(campaign.object, 'campaign')
  assert.equal(campaign.vouchers_count, 3)
  assert.equal((await voucherify.campaigns.get('sdk-campaign')).id, campaign.id)
  const updated = await voucherify.campaigns.update(campaign.id, { description: 'spring' })
  assert.equal(updated.description, 'spring')
  const list = await voucherify.campaigns.list({ limit: 10 })
  assert.equal(list.data_ref, 'campaigns')
  await voucherify.campaigns.disable(campaign.id)
  await voucherify.campaigns.enable(campaign.id)
  const added = await voucherify.campaigns.addVoucher('sdk-campaign')
  assert.match(added.code, /^SDK-.{4}-X$/)
  await voucherify.campaigns.addCertainVoucher('sdk-campaign', 'SDK-CERTAIN')

  const publication = await voucherify.distributions.publications.create({
    campaign: { name: 'sdk-campaign' }, customer: { source_id: 'sdk-holder', email: 'h@example.com' },
    join_once: true, metadata: { via: 'sdk' },
  })
  assert.equal(publication.object, 'publication')
  const code = publication.voucher.code
  const again = await voucherify.distributions.publications.create({
    campaign: { name: 'sdk-campaign' }, customer: { source_id: 'sdk-holder' }, join_once: true,
  })
  assert.equal(again.voucher.code, code)
  const pubs = await voucherify.distributions.publications.list({ campaign: 'sdk-campaign' })
  assert.equal(pubs.data_ref, 'publications')
  assert.equal(pubs.total, 1)

  const validation = await voucherify.validations.validateStackable({
    redeemables: [{ object: 'voucher', id: code }], order: { amount: 10000 },
  })
  assert.equal(validation.valid, true)
  const legacy = await voucherify.validations.validateVoucher(code, { order: { amount: 1000 } })
  assert.equal(legacy.valid, true)

  const redeemed = await voucherify.redemptions.redeemStackable({
    redeemables: [{ object: 'voucher', id: code }], customer: { source_id: 'sdk-holder' },
    order: { source_id: 'sdk-order-1', amount: 10000 },
  })
  assert.equal(redeemed.order.discount_amount, 1000)
  const single = await voucherify.redemptions.redeem(code, { customer: { source_id: 'sdk-holder' }, order: { amount: 500 } })
  assert.equal(single.result, 'SUCCESS')
  const exceeded = await rejects(() => voucherify.redemptions.redeem(code, {}))
  assert.equal(exceeded.key, 'quantity_exceeded')
  assert.equal((await voucherify.redemptions.get(single.id)).id, single.id)
  assert.equal((await voucherify.redemptions.list({ limit: 5 })).data_ref, 'redemptions')
  assert.equal((await voucherify.redemptions.getForVoucher(code)).redeemed_quantity, 2)
  const rollback = await voucherify.redemptions.rollback(single.id, { reason: 'sdk', tracking_id: 't1' })
  assert.equal(rollback.object, 'redemption_rollback')
  const twice = await rejects(() => voucherify.redemptions.rollback(single.id, 'again'))
  assert.equal(twice.key, 'already_rolled_back')
  await voucherify.redemptions.rollbackStackable(redeemed.parent_redemption.id)
  await voucherify.campaigns.delete('sdk-campaign')
  assert.equal((await rejects(() => voucherify.campaigns.get('sdk-campaign'))).code, 404)
})

test('vouchers incl. balance, enable and disable', async () => {
  const gift = await voucherify.vouchers.create({ code: 'SDK-GIFT', type: 'GIFT_VOUCHER', gift: { amount: 1000 } })
  assert.equal(gift.gift.balance, 1000)
  const generated = await voucherify.vouchers.create({ type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 300 } })
  assert.ok(generated.code.length >= 8)
  const balance = await voucherify.vouchers.balance.create('SDK-GIFT', { amount: 500 })
  assert.equal(balance.balance, 1500)
  assert.equal((await voucherify.vouchers.get('SDK-GIFT')).gift.balance, 1500)
  const updated = await voucherify.vouchers.update({ code: 'SDK-GIFT', metadata: { color: 'red' } })
  assert.equal(updated.metadata.color, 'red')
  assert.equal((await voucherify.vouchers.disable('SDK-GIFT')).active, false)
  assert.equal((await voucherify.vouchers.enable('SDK-GIFT')).active, true)
  const list = await voucherify.vouchers.list({ limit: 10 })
  assert.equal(list.data_ref, 'vouchers')
  assert.ok(list.vouchers.length >= 2)
  await voucherify.vouchers.delete(generated.code)
  assert.equal((await rejects(() => voucherify.vouchers.get(generated.code))).code, 404)
})

test('orders create, get, update, list', async () => {
  const order = await voucherify.orders.create({ source_id: 'sdk-o', customer: { source_id: 'sdk-buyer' },
    items: [{ product_id: 'p', quantity: 2, price: 700 }] })
  assert.equal(order.amount, 1400)
  assert.equal((await voucherify.orders.get('sdk-o')).id, order.id)
  const paid = await voucherify.orders.update({ source_id: 'sdk-o', status: 'PAID' })
  assert.equal(paid.status, 'PAID')
  assert.equal((await voucherify.orders.list({ limit: 5 })).data_ref, 'orders')
})

test('validation rules and assignments', async () => {
  const rule = await voucherify.validationRules.create({ name: 'sdk-rule', error: { message: 'too small' },
    rules: { 1: { name: 'order.amount', conditions: { $more_than: [100] } } } })
  assert.equal(rule.object, 'validation_rules')
  assert.equal((await voucherify.validationRules.get(rule.id)).name, 'sdk-rule')
  const renamed = await voucherify.validationRules.update({ id: rule.id, name: 'sdk-rule-2' })
  assert.equal(renamed.name, 'sdk-rule-2')
  await voucherify.vouchers.create({ code: 'SDK-RULED', type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 10 } })
  const assignment = await voucherify.validationRules.createAssignment(rule.id, { voucher: 'SDK-RULED' })
  assert.equal(assignment.object, 'validation_rules_assignment')
  assert.equal((await voucherify.validationRules.listAssignments(rule.id)).total, 1)
  assert.equal((await voucherify.validationRules.listRulesAssignments({ rule: rule.id })).total, 1)
  const denied = await rejects(() => voucherify.redemptions.redeem('SDK-RULED', { order: { amount: 50 } }))
  assert.equal(denied.key, 'order_rules_violated')
  const decided = await voucherify.validationRules.validate(rule.id, { order: { amount: 500 } })
  assert.equal(decided.valid, true)
  assert.equal((await voucherify.validationRules.list()).data_ref, 'data')
  await voucherify.validationRules.deleteAssignment(rule.id, assignment.id)
  await voucherify.validationRules.delete(rule.id)
})

test('promotions and tiers', async () => {
  const promo = await voucherify.promotions.create({ name: 'sdk-promo', campaign_type: 'PROMOTION',
    promotion: { tiers: [{ name: 'ten off', banner: 'Ten off today', action: { discount: { type: 'AMOUNT', amount_off: 1000 } } }] } })
  const tiers = await voucherify.promotions.tiers.list(promo.id)
  assert.equal(tiers.tiers[0].banner, 'Ten off today')
  const created = await voucherify.promotions.tiers.create(promo.id, { name: 'five off', banner: 'Five', action: { discount: { type: 'AMOUNT', amount_off: 500 } } })
  assert.equal((await voucherify.promotions.tiers.get(created.id)).name, 'five off')
  const updated = await voucherify.promotions.tiers.update({ id: created.id, banner: 'Five off' })
  assert.equal(updated.banner, 'Five off')
  assert.ok((await voucherify.promotions.tiers.listAll({ limit: 10 })).tiers.length >= 2)
  const redemption = await voucherify.promotions.tiers.redeem(created.id, { customer: { source_id: 'sdk-p' }, order: { amount: 2000 } })
  assert.equal(redemption.order.discount_amount, 500)
  await voucherify.promotions.tiers.delete(created.id)
})
