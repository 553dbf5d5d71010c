// The official SDK pointed at a running Herald (apiUrl without a trailing slash).
import sdk from '@voucherify/sdk'

const { VoucherifyServerSide } = sdk

export function client() {
  const { HERALD_URL, HERALD_APP_ID, HERALD_APP_TOKEN } = process.env
  if (!HERALD_URL || !HERALD_APP_ID || !HERALD_APP_TOKEN) {
    throw new Error('HERALD_URL, HERALD_APP_ID and HERALD_APP_TOKEN must be set')
  }
  return VoucherifyServerSide({ applicationId: HERALD_APP_ID, secretKey: HERALD_APP_TOKEN, apiUrl: HERALD_URL })
}

/** Runs fn and returns the VoucherifyError it throws (fails if it does not throw). */
export async function rejects(fn) {
  try {
    await fn()
  } catch (e) {
    return e
  }
  throw new Error('expected the call to fail')
}
