import { MiaProvider } from "@mia-sdk/react"
import type { BankMode } from "../shared/types.js"
import { adminHeaders } from "./admin-token.js"
import { DemoInfoProvider, useDemoInfo } from "./demo-info.js"
import { AdminPage } from "./pages/admin.js"
import { CheckoutPage } from "./pages/checkout.js"
import { PhonePage } from "./pages/phone.js"
import { PosPage } from "./pages/pos.js"
import { ShopPage } from "./pages/shop.js"
import { Link, useLocation } from "./router.js"

const bankLabel: Record<BankMode, string> = {
  embedded: "Embedded sandbox bank",
  "maib-sandbox": "maib sandbox"
}

const Nav = () => {
  const { path } = useLocation()
  const info = useDemoInfo()
  const links = [
    { href: "/", label: "Shop", active: path === "/" || path.startsWith("/checkout") },
    ...(info.phone ? [{ href: "/phone", label: "Customer phone", active: path === "/phone" }] : []),
    { href: "/admin", label: "Admin", active: path === "/admin" },
    ...(info.pos ? [{ href: "/pos", label: "POS cashier", active: path === "/pos" }] : [])
  ]
  return (
    <header className="topbar">
      <Link href="/" className="logo">
        <span className="logo-mark">M</span>
        <span>
          Cafeneaua Mia
          <small>mia-sdk demo</small>
        </span>
      </Link>
      <nav className="nav">
        {links.map((link) => (
          <Link key={link.href} href={link.href} aria-current={link.active ? "page" : undefined}>
            {link.label}
          </Link>
        ))}
      </nav>
      <div className="env">
        <span className="badge info" data-testid="bank-mode">
          {bankLabel[info.bank]}
        </span>
        <span className="badge">{info.database === "postgresql" ? "PostgreSQL" : "PGlite"}</span>
      </div>
    </header>
  )
}

const Page = () => {
  const { path } = useLocation()
  const checkout = /^\/checkout\/([^/]+)$/.exec(path)
  if (checkout) return <CheckoutPage orderId={decodeURIComponent(checkout[1]!)} />
  switch (path) {
    case "/":
      return <ShopPage />
    case "/phone":
      return <PhonePage />
    case "/admin":
      return <AdminPage />
    case "/pos":
      return <PosPage />
    default:
      return (
        <main className="page">
          <h1>Page not found</h1>
          <Link href="/">Back to the shop</Link>
        </main>
      )
  }
}

/**
 * The storefront, the simulated phone, the admin and the cashier screen in one single-page app.
 * @example
 * createRoot(document.getElementById("root")!).render(<App />)
 */
export const App = () => (
  // Refunds and the till carry the admin token when the demo asks for one (a real bank).
  <MiaProvider apiBase="/api/mia" headers={adminHeaders}>
    <DemoInfoProvider>
      <Nav />
      <Page />
    </DemoInfoProvider>
  </MiaProvider>
)
