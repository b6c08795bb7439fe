import { useCallback, useEffect, useState } from "react"
import type { PhoneRequest, PhoneRequestAnswer } from "../../shared/types.js"
import { api } from "../api.js"
import { ErrorNote } from "../components/error-note.js"
import { formatMoney } from "../format.js"

const WORDS = { not_found: "This payment request is no longer waiting for an answer." }

/**
 * The payment requests a shop sent to this phone number, as the banking app shows them, with
 * Accept (the bank pays and calls the shop back) and Decline. Polls every 2 seconds.
 * @example
 * <PaymentRequests alias="37369112221" />
 */
export const PaymentRequests = ({ alias }: { alias: string }) => {
  const [requests, setRequests] = useState<ReadonlyArray<PhoneRequest>>([])
  const [answered, setAnswered] = useState<PhoneRequestAnswer>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()

  const refresh = useCallback(() => {
    api
      .get<PhoneRequest[]>(`/api/phone/requests?alias=${encodeURIComponent(alias)}`)
      .then(setRequests, setError)
  }, [alias])

  useEffect(() => {
    refresh()
    const timer = setInterval(refresh, 2000)
    return () => clearInterval(timer)
  }, [refresh])

  const reply = async (request: PhoneRequest, answer: "accept" | "decline") => {
    setBusy(true)
    setError(undefined)
    try {
      setAnswered(
        await api.post<PhoneRequestAnswer>(
          `/api/phone/requests/${encodeURIComponent(request.rtpId)}/${answer}`,
          {}
        )
      )
      refresh()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="stack" data-testid="phone-requests">
      <strong>Payment requests for {alias}</strong>
      {answered !== undefined && (
        <p
          className={`alert ${answered.answer === "accepted" ? "ok" : "info"}`}
          data-testid="phone-request-answered"
        >
          {answered.answer === "accepted" ? "Paid. The shop has been told." : "Declined. Nothing was paid."}
        </p>
      )}
      <ErrorNote error={error} context={WORDS} />
      {requests.length === 0 && <p className="muted center">No payment requests waiting.</p>}
      {requests.map((request) => (
        <div key={request.rtpId} className="phone-qr stack" data-rtp={request.rtpId}>
          <div className="row">
            <strong>{formatMoney(request.amount, request.currency)}</strong>
            <span className="spacer" />
            <span className="badge info">{request.merchant}</span>
          </div>
          <span className="muted small">{request.description}</span>
          <div className="row">
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => reply(request, "accept")}
              data-testid="phone-request-accept"
            >
              Accept and pay
            </button>
            <button
              type="button"
              className="btn secondary"
              disabled={busy}
              onClick={() => reply(request, "decline")}
              data-testid="phone-request-decline"
            >
              Decline
            </button>
          </div>
        </div>
      ))}
    </div>
  )
}
