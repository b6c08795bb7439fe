import { useRtpPayment } from "@mia-sdk/react/rtp"
import { type FormEvent, useState } from "react"
import { ErrorNote } from "../components/error-note.js"
import { useDemoInfo } from "../demo-info.js"
import { formatCountdown } from "../format.js"
import { Link } from "../router.js"

/** The demo's payer: whatever number is typed, the simulated phone shows the request for it. */
export const DEMO_PHONE = "37369112221"

const PHONE = /^373\d{8}$/

/**
 * Paying by phone number (MIA request to pay): the shopper types their mobile number, the shop
 * sends the order's payment request to their banking app, and the panel follows it live until
 * the payer accepts (the order is paid), declines or lets it expire (send again). A sibling of
 * the QR panel; paying either way turns both into "paid".
 * @example
 * <PhoneNumberPanel orderId="1001" />
 */
export const PhoneNumberPanel = ({ orderId }: { orderId: string }) => {
  const info = useDemoInfo()
  const { phase, rtp, secondsLeft, error, request } = useRtpPayment(orderId)
  const [phone, setPhone] = useState(DEMO_PHONE)
  const [typed, setTyped] = useState(false)
  const valid = PHONE.test(phone)

  const send = (event: FormEvent) => {
    event.preventDefault()
    setTyped(true)
    if (valid) void request(phone)
  }

  if (phase === "paid" || phase === "cancelled" || phase === "refunded") return null
  if (phase === "awaiting_payment" && rtp !== undefined) {
    return (
      <div className="stack" data-testid="rtp-waiting">
        <p>
          A payment request went to <strong>{rtp.alias}</strong>. Open your banking app and accept it.
        </p>
        <div className="row">
          <span className="muted">Expires in</span>
          <span className="spacer" />
          <span className="countdown" data-testid="rtp-countdown">
            {secondsLeft === undefined ? "–" : formatCountdown(secondsLeft)}
          </span>
        </div>
        {info.phone && (
          <Link
            href={`/phone?alias=${encodeURIComponent(phone)}`}
            className="btn secondary block"
            data-testid="open-phone-requests"
            target="_blank"
          >
            Open the simulated phone
          </Link>
        )}
      </div>
    )
  }
  return (
    <form className="stack" onSubmit={send} noValidate>
      {phase === "declined" && (
        <p className="alert info" data-testid="rtp-declined">
          The request was declined in the banking app. You can send it again.
        </p>
      )}
      {phase === "expired" && (
        <p className="alert info" data-testid="rtp-expired">
          The request expired. You can send it again.
        </p>
      )}
      <label className="stack">
        <span>Mobile number</span>
        <input
          name="phone"
          inputMode="numeric"
          autoComplete="tel"
          value={phone}
          aria-invalid={typed && !valid}
          onChange={(event) => setPhone(event.target.value)}
          data-testid="rtp-phone"
        />
      </label>
      {typed && !valid && (
        <p className="field-error" role="alert" data-testid="rtp-phone-error">
          Type the number as 373 followed by 8 digits, for example 37369112221.
        </p>
      )}
      <ErrorNote error={phase === "error" ? error : undefined} />
      <button type="submit" className="btn block" disabled={phase === "sending"} data-testid="rtp-send">
        {phase === "sending" ? "Sending…" : phase === "idle" ? "Send payment request" : "Send again"}
      </button>
    </form>
  )
}
