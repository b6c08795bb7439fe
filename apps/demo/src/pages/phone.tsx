import { type ReactNode, useCallback, useEffect, useState } from "react"
import type { PhonePayment, PhoneQr } from "../../shared/types.js"
import { api } from "../api.js"
import { ErrorNote } from "../components/error-note.js"
import { useDemoInfo } from "../demo-info.js"
import { formatMoney } from "../format.js"
import { PaymentRequests } from "../phone/payment-requests.js"
import { navigate, useLocation } from "../router.js"

/** What the phone's failures mean to the shopper holding it. */
const PHONE_WORDS = {
  not_found: "This QR is not waiting for a payment: it was paid, it expired, or it never existed."
}

const PhoneFrame = ({ children }: { children: ReactNode }) => (
  <div className="phone-wrap">
    <div className="phone">
      <div className="phone-screen">
        <div className="phone-status">
          <span>9:41</span>
          <span>5G ▮▮▮</span>
        </div>
        <div className="phone-app">
          <strong>MIA Pay</strong>
          <br />
          <small>Simulated banking app · sandbox</small>
        </div>
        <div className="phone-body">{children}</div>
      </div>
    </div>
  </div>
)

/**
 * A customer's banking app, simulated: pick a QR that is waiting to be paid (shop or cashier) and pay it
 * through the embedded sandbox bank. Only shown when the sandbox is the bank.
 * @example
 * <PhonePage />
 */
export const PhonePage = () => {
  const info = useDemoInfo()
  const { query } = useLocation()
  const selectedId = query.get("qrId")
  const alias = query.get("alias")
  const [qrs, setQrs] = useState<ReadonlyArray<PhoneQr>>([])
  const [selected, setSelected] = useState<PhoneQr>()
  const [paying, setPaying] = useState(false)
  const [paid, setPaid] = useState<PhonePayment>()
  const [error, setError] = useState<unknown>()

  const refresh = useCallback(() => {
    api.get<PhoneQr[]>("/api/phone/qrs").then(setQrs, (e: unknown) => setError(e))
  }, [])

  useEffect(() => {
    if (!info.phone) return
    refresh()
    const timer = setInterval(refresh, 2000)
    return () => clearInterval(timer)
  }, [info.phone, refresh])

  useEffect(() => {
    setPaid(undefined)
    setError(undefined)
    if (selectedId === null) return setSelected(undefined)
    api
      .get<PhoneQr>(`/api/phone/qrs/${encodeURIComponent(selectedId)}`)
      .then(setSelected, (e: unknown) => setError(e))
  }, [selectedId])

  if (!info.phone) {
    return (
      <main className="page">
        <h1>Simulated phone</h1>
        <p className="alert info">
          The simulated phone pays through the embedded sandbox bank. This demo talks to a real maib
          environment: pay with a real banking app instead.
        </p>
      </main>
    )
  }

  const pay = async (qr: PhoneQr) => {
    setPaying(true)
    setError(undefined)
    try {
      setPaid(await api.post<PhonePayment>("/api/phone/pay", { qrId: qr.qrId }))
      refresh()
    } catch (e) {
      setError(e)
    } finally {
      setPaying(false)
    }
  }

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Customer phone</h1>
          <p>
            What the shopper sees after scanning the QR. Paying here goes through the sandbox bank, which then
            calls the merchant's webhook.
          </p>
        </div>
      </div>
      <PhoneFrame>
        {paid !== undefined ? (
          <div className="stack center" data-testid="phone-paid">
            <div className="paid-banner">
              <div className="tick">✓</div>
              <h2>Paid</h2>
              <div className="phone-amount">{formatMoney(paid.amount, paid.currency)}</div>
              <p className="muted small mono">{paid.payId}</p>
            </div>
            <button type="button" className="btn secondary" onClick={() => navigate("/phone")}>
              Done
            </button>
          </div>
        ) : selected !== undefined ? (
          <div className="stack" data-testid="phone-confirm">
            <span className="muted small">Pay to</span>
            <h2>{selected.merchant}</h2>
            <p className="muted">{selected.description}</p>
            <div className="phone-amount" data-testid="phone-amount">
              {formatMoney(selected.amount, selected.currency)}
            </div>
            <ErrorNote error={error} context={PHONE_WORDS} />
            <button type="button" className="btn big block" disabled={paying} onClick={() => pay(selected)}>
              {paying ? "Paying…" : "Pay"}
            </button>
            <button type="button" className="btn secondary block" onClick={() => navigate("/phone")}>
              Cancel
            </button>
          </div>
        ) : (
          <>
            {alias !== null && <PaymentRequests alias={alias} />}
            <strong>QR codes nearby</strong>
            <span className="muted small">
              Scanning… (the QRs waiting to be paid at the shop and the till)
            </span>
            <ErrorNote error={error} context={PHONE_WORDS} />
            {qrs.length === 0 && <p className="muted center">Nothing to pay right now.</p>}
            {qrs.map((qr) => (
              <button
                type="button"
                key={qr.qrId}
                className="phone-qr"
                data-qr={qr.qrId}
                onClick={() => navigate(`/phone?qrId=${encodeURIComponent(qr.qrId)}`)}
              >
                <div className="row">
                  <strong>{formatMoney(qr.amount, qr.currency)}</strong>
                  <span className="spacer" />
                  <span className="badge info">{qr.source === "pos" ? "Till" : "Online shop"}</span>
                </div>
                <span className="muted small">{qr.description}</span>
              </button>
            ))}
          </>
        )}
      </PhoneFrame>
    </main>
  )
}
