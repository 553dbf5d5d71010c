// Loyalty programs, rewards and referrals through the official @voucherify/sdk@2.9.0.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { client, rejects } from './client.mjs'

const voucherify = client()

async function eventually(check, timeoutMs = 20000) {
  const until = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (e) {
      if (Date.now() > until) throw e
      await new Promise(r => setTimeout(r, 200))
    }
  }
}

test('loyalty programs: create, members, points, tiers, earning rules, rewards, redeemReward', async () => {
  const program = await voucherify.loyalties.create({
    name: 'sdk-club', type: 'AUTO_UPDATE', vouchers_count: 2,
    voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 100 }, code_config: { pattern: 'CLUB-####' } },
    metadata: { region: 'eu' },
  })
  assert.equal(program.object, 'campaign')
  assert.equal(program.campaign_type, 'LOYALTY_PROGRAM')
  assert.equal(program.voucher.loyalty_card.points, 100)
  assert.equal((await voucherify.loyalties.get(program.id)).name, 'sdk-club')
  const updated = await voucherify.loyalties.update({ id: program.id, description: 'members only' })
  assert.equal(updated.description, 'members only')
  const programs = await voucherify.loyalties.list({ limit: 10 })
  assert.equal(programs.data_ref, 'campaigns')
  assert.equal(programs.total, 1)

  const member = await voucherify.loyalties.createMember(program.id, {
    customer: { source_id: 'sdk-member', name: 'Member', email: 'm@example.com' }, metadata: { via: 'sdk' },
  })
  assert.equal(member.object, 'voucher')
  assert.equal(member.type, 'LOYALTY_CARD')
  assert.match(member.code, /^CLUB-/)
  assert.equal(member.loyalty_card.balance, 100)
  const again = await voucherify.loyalties.createMember(program.id, { customer: { source_id: 'sdk-member' } })
  assert.equal(again.code, member.code)
  assert.equal((await voucherify.loyalties.getMember(program.id, member.code)).code, member.code)
  assert.equal((await voucherify.loyalties.getMember(null, member.code)).campaign_id, program.id)
  const members = await voucherify.loyalties.listMembers(program.id, { limit: 10 })
  assert.equal(members.data_ref, 'vouchers')
  assert.equal(members.total, 1)

  const added = await voucherify.loyalties.addPoints(program.id, member.code, { points: 400 })
  assert.equal(added.object, 'balance')
  assert.equal(added.balance, 500)
  const removed = await voucherify.loyalties.addOrRemoveCardBalance(member.code,
    { points: -50, reason: 'correction', source_id: 'sdk-fix-1' }, program.id)
  assert.equal(removed.balance, 450)
  const replay = await voucherify.loyalties.addOrRemoveCardBalance(member.code,
    { points: -50, reason: 'correction', source_id: 'sdk-fix-1' })
  assert.equal(replay.balance, 450)
  const viaVoucher = await voucherify.vouchers.balance.create(member.code, { amount: 50 })
  assert.equal(viaVoucher.balance, 500)
  assert.equal(viaVoucher.type, 'loyalty_card')
  const transactions = await voucherify.loyalties.listCardTransactions(member.code, program.id, { limit: 10 })
  assert.equal(transactions.data_ref, 'data')
  assert.deepEqual(transactions.data.map(t => t.type),
    ['POINTS_ADDITION', 'POINTS_REMOVAL', 'POINTS_ADDITION', 'POINTS_ADDITION'])
  assert.equal(transactions.data.reduce((sum, t) => sum + t.details.balance.points, 0), 500)
  const exceeded = await rejects(() => voucherify.loyalties.addPoints(program.id, member.code, { points: -501 }))
  assert.equal(exceeded.code, 400)
  assert.equal(exceeded.key, 'loyalty_card_points_exceeded')
  assert.equal((await voucherify.loyalties.getPointsExpiration(program.id, member.code, {})).data_ref, 'data')

  const tiers = await voucherify.loyalties.createTiers(program.id, [
    { name: 'Silver', points: { from: 0, to: 999 } },
    { name: 'Gold', points: { from: 1000 } },
  ])
  assert.equal(tiers.length, 2)
  assert.equal(tiers[0].object, 'loyalty_tier')
  assert.equal((await voucherify.loyalties.listTiers(program.id)).total, 2)
  assert.equal((await voucherify.loyalties.getTier(program.id, tiers[1].id)).name, 'Gold')
  const memberTier = await eventually(async () => {
    const t = await voucherify.loyalties.listMemberLoyaltyTiers(member.code)
    assert.equal(t.data[0].id, tiers[0].id)
    return t
  })
  assert.equal(memberTier.data_ref, 'data')

  const [rule] = await voucherify.loyalties.createEarningRule(program.id, [{
    event: 'order.paid', source: { banner: 'Points for orders' },
    loyalty: { type: 'PROPORTIONAL', calculation_type: 'ORDER_AMOUNT', order: { amount: { every: 100, points: 1 } } },
  }])
  assert.equal(rule.object, 'earning_rule')
  assert.equal((await voucherify.loyalties.getEarningRule(program.id, rule.id)).event, 'order.paid')
  assert.equal((await voucherify.loyalties.listEarningRules(program.id)).total, 1)
  const changed = await voucherify.loyalties.updateEarningRule(program.id, { id: rule.id, source: { banner: 'More points' } })
  assert.equal(changed.source.banner, 'More points')
  assert.equal((await voucherify.loyalties.disableEarningRule(program.id, rule.id)).active, false)
  assert.equal((await voucherify.loyalties.enableEarningRule(program.id, rule.id)).active, true)
  assert.equal((await voucherify.loyalties.listLoyaltyTierEarningRules(program.id, tiers[0].id)).total, 0)
  await voucherify.orders.create({ source_id: 'sdk-loyal-order', customer: { source_id: 'sdk-member' }, amount: 60000, status: 'PAID' })
  await eventually(async () => {
    const card = await voucherify.loyalties.getMember(program.id, member.code)
    assert.equal(card.loyalty_card.balance, 1100)
  })
  await eventually(async () => {
    const t = await voucherify.loyalties.listMemberLoyaltyTiers(member.code)
    assert.equal(t.data[0].id, tiers[1].id)
  })
  const customer = await voucherify.customers.get('sdk-member')
  assert.equal(customer.loyalty.points, 1100)
  assert.equal(customer.loyalty.campaigns['sdk-club'].points, 1100)
  const spare = await voucherify.loyalties.createEarningRule(program.id, [{ event: 'visited', loyalty: { type: 'FIXED', points: 1 } }])
  await voucherify.loyalties.deleteEarningRule(program.id, spare[0].id)
  assert.equal((await rejects(() => voucherify.loyalties.getEarningRule(program.id, spare[0].id))).code, 404)

  const coupons = await voucherify.campaigns.create({ name: 'sdk-reward-coupons', type: 'AUTO_UPDATE',
    voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 1000 } } })
  const reward = await voucherify.rewards.create({ name: 'sdk-10-off', type: 'CAMPAIGN',
    parameters: { campaign: { id: coupons.id } }, attributes: { description: '10 off' } })
  assert.equal(reward.object, 'reward')
  assert.equal(reward.parameters.campaign.type, 'DISCOUNT_COUPONS')
  const assignment = await voucherify.loyalties.createRewardAssignments(program.id,
    { reward: reward.id, parameters: { loyalty: { points: 300 } } })
  assert.equal(assignment.object, 'reward_assignment')
  assert.equal((await voucherify.loyalties.listRewardAssignments(program.id)).total, 1)
  assert.equal((await voucherify.loyalties.getRewardAssignment(program.id, assignment.id)).id, assignment.id)
  assert.equal((await voucherify.loyalties.getRewardDetails(program.id, assignment.id)).id, reward.id)
  const raised = await voucherify.loyalties.updateRewardAssignment(program.id,
    { id: assignment.id, parameters: { loyalty: { points: 400 } } })
  assert.equal(raised.parameters.loyalty.points, 400)
  const affordable = await voucherify.loyalties.listMemberRewards(member.code, { affordable_only: true })
  assert.equal(affordable.data[0].reward.id, reward.id)
  assert.equal(affordable.data[0].object, 'loyalty_reward')
  assert.equal((await voucherify.loyalties.listLoyaltyTierRewards(program.id, tiers[1].id)).total, 1)

  const redemption = await voucherify.loyalties.redeemReward(program.id, member.code,
    { reward: { id: reward.id }, metadata: { channel: 'sdk' } })
  assert.equal(redemption.object, 'redemption')
  assert.equal(redemption.result, 'SUCCESS')
  assert.equal(redemption.reward.type, 'CAMPAIGN')
  assert.equal(redemption.voucher.loyalty_card.balance, 700)
  const issued = await voucherify.vouchers.get(redemption.reward.voucher.code)
  assert.equal(issued.campaign_id, coupons.id)
  assert.equal(issued.holder_id, customer.id)
  await voucherify.loyalties.redeemReward(program.id, member.code, { reward: { id: reward.id } })
  const broke = await rejects(() => voucherify.loyalties.redeemReward(program.id, member.code,
    { reward: { id: reward.id } }))
  assert.equal(broke.key, 'loyalty_card_points_exceeded')
  assert.equal((await voucherify.loyalties.getMember(program.id, member.code)).loyalty_card.balance, 300)

  await voucherify.loyalties.deleteRewardAssignment(program.id, assignment.id)
  assert.equal((await voucherify.loyalties.listRewardAssignments(program.id)).total, 0)
  await voucherify.loyalties.delete(program.id)
  assert.equal((await rejects(() => voucherify.loyalties.get(program.id))).code, 404)
})

test('rewards and their assignments', async () => {
  const program = await voucherify.loyalties.create({ name: 'sdk-rewards-club',
    voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } })
  const material = await voucherify.rewards.create({ name: 'sdk-mug', type: 'MATERIAL',
    parameters: { product: { id: 'prod_mug' } }, stock: 5 })
  assert.equal(material.type, 'MATERIAL')
  assert.equal(material.stock, 5)
  const coin = await voucherify.rewards.create({ name: 'sdk-coins', type: 'COIN',
    parameters: { coin: { exchange_ratio: 1 } } })
  assert.equal(coin.parameters.coin.points_ratio, 1)
  assert.equal((await voucherify.rewards.get(material.id)).name, 'sdk-mug')
  const renamed = await voucherify.rewards.update({ id: material.id, name: 'sdk-big-mug', parameters: { product: { id: 'prod_mug' } } })
  assert.equal(renamed.name, 'sdk-big-mug')
  const list = await voucherify.rewards.list({ limit: 10 })
  assert.equal(list.data_ref, 'data')
  assert.ok([material.id, coin.id].every(id => list.data.some(r => r.id === id)))
  const a = await voucherify.rewards.createAssignment(material.id, { campaign: program.id, parameters: { loyalty: { points: 20 } } })
  assert.equal(a.related_object_id, program.id)
  assert.equal((await voucherify.rewards.getAssignment(material.id, a.id)).id, a.id)
  assert.equal((await voucherify.rewards.listAssignments(material.id)).total, 1)
  const b = await voucherify.rewards.updateAssignment(material.id, { id: a.id, parameters: { loyalty: { points: 25 } } })
  assert.equal(b.parameters.loyalty.points, 25)
  const duplicate = await rejects(() => voucherify.rewards.createAssignment(material.id, { campaign: program.id, parameters: { loyalty: { points: 1 } } }))
  assert.equal(duplicate.code, 409)
  const bad = await rejects(() => voucherify.rewards.create({ name: 'x', type: 'COIN', parameters: { coin: { exchange_ratio: -1 } } }))
  assert.equal(bad.code, 400)
  await voucherify.rewards.deleteAssignment(material.id, a.id)
  assert.equal((await voucherify.rewards.listAssignments(material.id)).total, 0)
  await voucherify.rewards.delete(coin.id)
  assert.equal((await rejects(() => voucherify.rewards.get(coin.id))).code, 404)
})

test('referral flow: referral code, referee redeems, referrer rewarded, customer.referrals', async () => {
  const points = await voucherify.loyalties.create({ name: 'sdk-ref-points',
    voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } })
  const referral = await voucherify.campaigns.create({
    name: 'sdk-friends', campaign_type: 'REFERRAL_PROGRAM', type: 'AUTO_UPDATE',
    voucher: { type: 'DISCOUNT_VOUCHER', is_referral_code: true, discount: { type: 'PERCENT', percent_off: 10 } },
    referral_program: {
      conversion_event_type: 'redemption',
      referrer_reward: { related_object_parent: { id: points.id }, type: 'LOYALTY_CARD', amount: 250 },
    },
  })
  assert.equal(referral.campaign_type, 'REFERRAL_PROGRAM')
  const publication = await voucherify.distributions.publications.create({
    campaign: { name: 'sdk-friends' }, customer: { source_id: 'sdk-referrer' } })
  const code = publication.voucher.code
  assert.equal(publication.voucher.is_referral_code, true)
  const own = await rejects(() => voucherify.redemptions.redeem(code, { customer: { source_id: 'sdk-referrer' } }))
  assert.equal(own.key, 'referrer_not_permitted_to_redeem')
  const redeemed = await voucherify.redemptions.redeem(code,
    { customer: { source_id: 'sdk-referee' }, order: { amount: 2000 } })
  assert.equal(redeemed.result, 'SUCCESS')
  const referee = await eventually(async () => {
    const c = await voucherify.customers.get('sdk-referee')
    assert.equal(c.referrals.total, 1)
    return c
  })
  const referrer = await voucherify.customers.get('sdk-referrer')
  assert.equal(referee.referrals.campaigns[0].campaign_id, referral.id)
  assert.equal(referee.referrals.campaigns[0].referrer_id, referrer.id)
  await eventually(async () => {
    const r = await voucherify.customers.get('sdk-referrer')
    assert.equal(r.loyalty.referred_customers, 1)
    assert.equal(r.loyalty.campaigns['sdk-ref-points'].points, 250)
  })

  const invite = await voucherify.campaigns.create({
    name: 'sdk-invite', campaign_type: 'REFERRAL_PROGRAM',
    voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500 } },
    referral_program: { conversion_event_type: 'custom_event', custom_event: { name: 'sdk_signed_up' },
      referrer_reward: { related_object_parent: { id: points.id }, type: 'LOYALTY_CARD', amount: 50 } },
  })
  const inviteCode = (await voucherify.distributions.publications.create({
    campaign: { name: invite.name }, customer: { source_id: 'sdk-referrer' } })).voucher.code
  await voucherify.events.create('sdk_signed_up', { customer: { source_id: 'sdk-invitee' },
    referral: { code: inviteCode, referrer_id: referrer.id } })
  await eventually(async () => {
    const c = await voucherify.customers.get('sdk-invitee')
    assert.equal(c.referrals.campaigns[0].campaign_id, invite.id)
  })
  await eventually(async () => {
    const r = await voucherify.customers.get('sdk-referrer')
    assert.equal(r.loyalty.referred_customers, 2)
    assert.equal(r.loyalty.points, 300)
  })
})
