import { type FormEvent, useState } from "react"
import { readAdminToken, saveAdminToken } from "../admin-token.js"

/**
 * The admin token field, shown when the demo talks to a real bank and asks for one.
 * @example
 * {info.adminTokenRequired && <AdminTokenForm onChange={reload} />}
 */
export const AdminTokenForm = ({ onChange }: { onChange: () => void }) => {
  const [saved, setSaved] = useState(readAdminToken() !== undefined)
  const [draft, setDraft] = useState("")
  const use = (event: FormEvent) => {
    event.preventDefault()
    saveAdminToken(draft)
    setDraft("")
    setSaved(readAdminToken() !== undefined)
    onChange()
  }
  const forget = () => {
    saveAdminToken("")
    setSaved(false)
    onChange()
  }
  return saved ? (
    <div className="row" data-testid="admin-token">
      <span className="muted small">Admin token set for this tab.</span>
      <button type="button" className="btn secondary" onClick={forget}>
        Forget it
      </button>
    </div>
  ) : (
    <form className="row token-form" onSubmit={use} aria-label="Admin token" data-testid="admin-token">
      <label>
        Admin token
        <input
          name="admin-token"
          type="password"
          placeholder="DEMO_ADMIN_TOKEN"
          autoComplete="off"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
      </label>
      <button type="submit" className="btn secondary nowrap" disabled={draft.trim() === ""}>
        Use token
      </button>
    </form>
  )
}
