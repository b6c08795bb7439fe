import { MiaProvider } from "@mia-sdk/react"
import { adminHeaders } from "../admin-token.js"
import { useDemoInfo } from "../demo-info.js"
import { Cashier } from "../till/cashier.js"

/**
 * The cashier screen of the café's till: activate the terminal with the SMS code, log in, open the
 * shift, charge amounts with a QR paid live, X-report, close the shift and get the Z-report (PDF too).
 * @example
 * <PosPage />
 */
export const PosPage = () => {
  const info = useDemoInfo()
  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Till · Cafeneaua Mia</h1>
          <p>The MiaPos terminal API behind a web cashier screen. The bank's tokens never reach this page.</p>
        </div>
      </div>
      {info.pos ? (
        <MiaProvider apiBase="/api/pos" headers={adminHeaders}>
          <Cashier />
        </MiaProvider>
      ) : (
        <p className="alert info">The cashier screen runs on the embedded sandbox's MiaPos terminal.</p>
      )}
    </main>
  )
}
