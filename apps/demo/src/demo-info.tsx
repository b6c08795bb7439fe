import { createContext, type ReactNode, useContext, useEffect, useState } from "react"
import type { DemoInfo } from "../shared/types.js"
import { api } from "./api.js"
import { ErrorNote } from "./components/error-note.js"

const DemoInfoContext = createContext<DemoInfo | undefined>(undefined)

/**
 * Loads `GET /api/demo/info` once and shares it with every page.
 * @example
 * <DemoInfoProvider><App /></DemoInfoProvider>
 */
export const DemoInfoProvider = ({ children }: { children: ReactNode }) => {
  const [info, setInfo] = useState<DemoInfo>()
  const [error, setError] = useState<unknown>()
  useEffect(() => {
    api.get<DemoInfo>("/api/demo/info").then(setInfo, (e: unknown) => setError(e))
  }, [])
  if (error !== undefined)
    return (
      <div className="page">
        <ErrorNote error={error} />
      </div>
    )
  if (info === undefined) return null
  return <DemoInfoContext.Provider value={info}>{children}</DemoInfoContext.Provider>
}

/**
 * How the demo is wired (bank, database, whether the simulated phone exists).
 * @example
 * const { phone } = useDemoInfo()
 */
export const useDemoInfo = (): DemoInfo => {
  const info = useContext(DemoInfoContext)
  if (info === undefined) throw new Error("useDemoInfo must be used inside <DemoInfoProvider>")
  return info
}
