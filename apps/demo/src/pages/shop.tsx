import { useEffect, useMemo, useState } from "react"
import type { CreatedOrder, Product } from "../../shared/types.js"
import { api } from "../api.js"
import { ErrorNote } from "../components/error-note.js"
import { ProductArt } from "../components/product-art.js"
import { formatMoney } from "../format.js"
import { navigate } from "../router.js"

type Cart = Readonly<Record<string, number>>

/** Cent arithmetic: the total shown is the total the server will charge. */
const cartTotal = (products: ReadonlyArray<Product>, cart: Cart) =>
  products.reduce((cents, p) => cents + Math.round(p.price * 100) * (cart[p.id] ?? 0), 0) / 100

/**
 * The storefront: a catalog, a cart and "Pay with MIA", which creates the order and opens its checkout.
 * @example
 * <ShopPage />
 */
export const ShopPage = () => {
  const [products, setProducts] = useState<ReadonlyArray<Product>>([])
  const [cart, setCart] = useState<Cart>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()

  useEffect(() => {
    api.get<Product[]>("/api/shop/products").then(setProducts, (e: unknown) => setError(e))
  }, [])

  const lines = useMemo(() => products.filter((p) => (cart[p.id] ?? 0) > 0), [products, cart])
  const total = cartTotal(products, cart)
  const change = (id: string, delta: number) =>
    setCart((current) => ({ ...current, [id]: Math.max(0, Math.min(20, (current[id] ?? 0) + delta)) }))

  const checkout = async () => {
    setBusy(true)
    setError(undefined)
    try {
      const created = await api.post<CreatedOrder>("/api/shop/orders", {
        items: lines.map((p) => ({ productId: p.id, quantity: cart[p.id] }))
      })
      navigate(`/checkout/${encodeURIComponent(created.orderId)}`)
    } catch (e) {
      setError(e)
      setBusy(false)
    }
  }

  return (
    <main className="page">
      <div className="page-head">
        <div>
          <h1>Fresh from Chișinău</h1>
          <p>Speciality coffee, roasted this week. Pay in seconds with any Moldovan banking app via MIA.</p>
        </div>
      </div>
      <div className="split">
        <section className="products" aria-label="Products">
          {products.map((p) => (
            <article key={p.id} className="card product" data-product={p.id}>
              <div className="product-art" aria-hidden="true">
                <ProductArt kind={p.art} />
              </div>
              <h3>{p.name}</h3>
              <p className="muted small">{p.description}</p>
              <div className="row">
                <span className="price">{formatMoney(p.price)}</span>
                <span className="spacer" />
                <button type="button" className="btn secondary" onClick={() => change(p.id, 1)}>
                  Add to cart
                </button>
              </div>
            </article>
          ))}
        </section>
        <aside className="card stack" aria-label="Cart">
          <h2>Your cart</h2>
          {lines.length === 0 && <p className="muted">The cart is empty. Add something tasty.</p>}
          {lines.map((p) => (
            <div key={p.id} className="cart-line">
              <span>{p.name}</span>
              <span className="qty">
                <button type="button" aria-label={`Remove one ${p.name}`} onClick={() => change(p.id, -1)}>
                  −
                </button>
                <span data-testid={`qty-${p.id}`}>{cart[p.id]}</span>
                <button type="button" aria-label={`Add one ${p.name}`} onClick={() => change(p.id, 1)}>
                  +
                </button>
              </span>
            </div>
          ))}
          <div className="total">
            <span>Total</span>
            <span data-testid="cart-total">{formatMoney(total)}</span>
          </div>
          <ErrorNote error={error} />
          <button
            type="button"
            className="btn big block"
            disabled={lines.length === 0 || busy}
            onClick={checkout}
          >
            {busy ? "Creating order…" : "Pay with MIA"}
          </button>
          <p className="muted small center">Instant payment, no card needed.</p>
        </aside>
      </div>
    </main>
  )
}
