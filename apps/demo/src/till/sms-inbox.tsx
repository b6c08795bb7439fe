import { useCallback, useEffect, useState } from "react"
import type { SmsMessage } from "../../shared/types.js"
import { api } from "../api.js"

/**
 * The sandbox's "SMS" inbox: where the activation code lands (only the embedded bank has one).
 * @example
 * {info.phone && <SmsInbox />}
 */
export const SmsInbox = () => {
  const [messages, setMessages] = useState<ReadonlyArray<SmsMessage>>([])
  const load = useCallback(() => {
    api.get<SmsMessage[]>("/api/demo/sms-inbox").then(setMessages, () => undefined)
  }, [])
  useEffect(() => {
    load()
    const timer = setInterval(load, 1500)
    return () => clearInterval(timer)
  }, [load])
  return (
    <section className="card stack" aria-label="SMS inbox" data-testid="sms-inbox">
      <div className="row">
        <strong>Terminal owner's SMS (sandbox)</strong>
      </div>
      {messages.length === 0 && <p className="muted small">No message yet.</p>}
      {messages.slice(0, 3).map((m) => (
        <div key={`${m.sentAt}-${m.code}`} className="sms">
          <div className="small">{m.text}</div>
          <div className="muted small">
            to {m.to} · code <strong data-testid="sms-code">{m.code}</strong>
          </div>
        </div>
      ))}
    </section>
  )
}
