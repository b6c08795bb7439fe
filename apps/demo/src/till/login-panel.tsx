import { usePosSession } from "@mia-sdk/react"
import { type FormEvent, useState } from "react"
import { ErrorNote } from "../components/error-note.js"
import { useDemoInfo } from "../demo-info.js"

/**
 * Step 2 of the till: the cashier logs in (prefilled with the embedded sandbox's cashier).
 * @example
 * {step === "login" && <LoginPanel />}
 */
export const LoginPanel = () => {
  const info = useDemoInfo()
  const { pending, error, login } = usePosSession()
  const [username, setUsername] = useState(info.posDefaults?.username ?? "")
  const [password, setPassword] = useState(info.posDefaults?.password ?? "")
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void login({ username, password })
  }
  return (
    <form className="card stack narrow" onSubmit={submit}>
      <h2>Cashier login</h2>
      <label>
        Username
        <input
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" className="btn" disabled={pending !== undefined}>
        {pending === "login" ? "Logging in…" : "Log in"}
      </button>
      <ErrorNote error={error} testId="pos-error" />
    </form>
  )
}
